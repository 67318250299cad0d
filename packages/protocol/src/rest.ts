import { z } from 'zod';
import { displayNameSchema } from './peers';

/** REST bodies and responses. The api parses bodies with these schemas; the browser uses the types. */

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userInfoSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['clinician', 'admin']),
});
export type UserInfo = z.infer<typeof userInfoSchema>;

export const loginResponseSchema = z.object({
  accessToken: z.string(),
  expiresAt: z.string(),
  user: userInfoSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const createConsultRequestSchema = z.object({
  title: z.string().trim().min(1).max(120).default('Video consultation'),
  patientName: displayNameSchema.optional(),
});
export type CreateConsultRequest = z.input<typeof createConsultRequestSchema>;

export const consultStatusSchema = z.enum(['scheduled', 'active', 'ended']);
export type ConsultStatus = z.infer<typeof consultStatusSchema>;

export const consultSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: consultStatusSchema,
  patientName: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type ConsultSummary = z.infer<typeof consultSummarySchema>;
export const consultSummaryListSchema = z.array(consultSummarySchema);

export const patientLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type PatientLink = z.infer<typeof patientLinkSchema>;

export const createConsultResponseSchema = z.object({
  consult: consultSummarySchema,
  patientLink: patientLinkSchema,
});
export type CreateConsultResponse = z.infer<typeof createConsultResponseSchema>;

/** What a patient link resolves to, before joining: enough to greet the patient, nothing more. */
export const joinLinkInfoSchema = z.object({
  consultTitle: z.string(),
  clinicianName: z.string(),
  patientName: z.string().nullable(),
  validUntil: z.string(),
});
export type JoinLinkInfo = z.infer<typeof joinLinkInfoSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['up', 'down']),
  sfu: z.enum(['up', 'down']),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Error body of every failed REST call. */
export interface RestErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
}
