import { z } from 'zod';

/** Admin REST: managing clinician accounts and paging through the audit trail. */

/** At least 12 characters: a passphrase is easier to remember than symbols, and harder to guess. */
export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(256);

export const createClinicianRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(2).max(120).regex(/^[^<>\p{Cc}]+$/u, 'must not contain angle brackets'),
  password: passwordSchema,
});
export type CreateClinicianRequest = z.input<typeof createClinicianRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: passwordSchema });

export const clinicianAccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type ClinicianAccount = z.infer<typeof clinicianAccountSchema>;
export const clinicianAccountListSchema = z.array(clinicianAccountSchema);

export const auditQuerySchema = z.object({
  actorId: z.string().trim().min(1).max(120).optional(),
  action: z.string().trim().regex(/^[a-z_.]+$/, 'must be an action name such as notes.viewed').max(64).optional(),
  consultId: z.uuid({ message: 'must be a UUID' }).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string(),
  action: z.string(),
  consultId: z.string().nullable(),
  ip: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
