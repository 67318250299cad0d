import { z } from 'zod';
import { consultImageSchema } from './images';
import { participantRecordSchema } from './lobby';

/** What remains of a consult for its clinician: who took part and when, the notes, how much was said, the images and measurements. */
export const consultReportSchema = z.object({
  consultId: z.string().uuid(),
  title: z.string(),
  status: z.enum(['scheduled', 'active', 'ended']),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  participants: z.array(participantRecordSchema),
  notes: z.object({ text: z.string(), updatedAt: z.string().nullable() }),
  chatMessageCount: z.number().int().min(0),
  /** Images shared in the consult, oldest first. */
  images: z.array(consultImageSchema),
  /** Lengths measured in the shared viewer, oldest first (from the audit trail, where each is recorded). */
  measurements: z.array(
    z.object({
      imageId: z.string(),
      frame: z.number().int().min(0),
      lengthMm: z.number().nullable(),
      lengthPx: z.number(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});
export type ConsultReport = z.infer<typeof consultReportSchema>;
