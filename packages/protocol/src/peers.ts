import { z } from 'zod';
import { DISPLAY_NAME_MAX } from './limits';
import { mediaKindSchema, mediaSourceSchema } from './media';

export const participantRoleSchema = z.enum(['clinician', 'patient']);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(DISPLAY_NAME_MAX)
  .regex(/^[^<>\p{Cc}]+$/u, 'must not contain control characters or angle brackets');

export const peerInfoSchema = z.object({
  peerId: z.string(),
  displayName: z.string(),
  role: participantRoleSchema,
  joinedAt: z.string(),
});
export type PeerInfo = z.infer<typeof peerInfoSchema>;

export const producerInfoSchema = z.object({
  producerId: z.string(),
  peerId: z.string(),
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  paused: z.boolean(),
});
export type ProducerInfo = z.infer<typeof producerInfoSchema>;
