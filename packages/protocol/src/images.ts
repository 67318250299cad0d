import { z } from 'zod';

/** Images shared in a consult (DICOM, PNG, JPEG): what the api reports about each. */
export const imageKindSchema = z.enum(['dicom', 'png', 'jpeg']);

export const consultImageSchema = z.object({
  id: z.string(),
  consultId: z.string(),
  kind: imageKindSchema,
  fileName: z.string(),
  byteSize: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  /** DICOM only: whether patient identifiers were stripped on upload. */
  deidentified: z.boolean(),
  rows: z.number().nullable(),
  columns: z.number().nullable(),
  frames: z.number(),
  modality: z.string().nullable(),
  /** Window centre/width and pixel spacing for the viewer, when the file states them. */
  windowCenter: z.number().nullable(),
  windowWidth: z.number().nullable(),
  pixelSpacingMm: z.tuple([z.number(), z.number()]).nullable(),
});
export type ConsultImage = z.infer<typeof consultImageSchema>;
export const consultImageListSchema = z.array(consultImageSchema);

/** Query of an upload: the original file name (sanitised before it is stored). */
export const imageUploadQuerySchema = z.object({ name: z.string().max(255).default('image') });
