import { z } from 'zod';

export const CHAT_TEXT_MAX = 2000;

/** Chat text: plain text, shown as text (never HTML) by every client. */
export const chatTextSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CHAT_TEXT_MAX)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not contain control characters');

export const chatMessageSchema = z.object({
  id: z.string().uuid(),
  consultId: z.string().uuid(),
  /**
   * The patient participant of a private thread (the clinician and one patient, e.g. while the
   * patient waits); null for a message to everyone admitted to the consult.
   */
  privateTo: z.string().uuid().nullable(),
  senderRole: z.enum(['clinician', 'patient']),
  senderName: z.string(),
  text: z.string(),
  sentAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;
