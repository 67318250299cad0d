import { z } from 'zod';

export const NOTES_TEXT_MAX = 20_000;

/** The clinician's private notes on a consult: one document per clinician, saved as they type. */
export const saveNotesRequestSchema = z.object({
  text: z.string().max(NOTES_TEXT_MAX),
});
export type SaveNotesRequest = z.infer<typeof saveNotesRequestSchema>;

export const consultNotesSchema = z.object({
  consultId: z.string().uuid(),
  text: z.string(),
  /** Null when nothing has been saved yet. */
  updatedAt: z.string().nullable(),
});
export type ConsultNotes = z.infer<typeof consultNotesSchema>;
