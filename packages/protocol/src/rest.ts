import { z } from 'zod';
import { displayNameSchema } from './peers';

/** REST bodies and responses. The api parses bodies with these schemas; the browser uses the types. */

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export interface UserInfo {
  id: string;
  email: string;
  displayName: string;
  role: 'clinician' | 'admin';
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: UserInfo;
}

export const createConsultRequestSchema = z.object({
  title: z.string().trim().min(1).max(120).default('Video consultation'),
  patientName: displayNameSchema.optional(),
});
export type CreateConsultRequest = z.input<typeof createConsultRequestSchema>;

export const consultStatusSchema = z.enum(['scheduled', 'active', 'ended']);
export type ConsultStatus = z.infer<typeof consultStatusSchema>;

export interface ConsultSummary {
  id: string;
  title: string;
  status: ConsultStatus;
  patientName: string | null;
  createdAt: string;
  endedAt: string | null;
}

export interface PatientLink {
  url: string;
  expiresAt: string;
}

export interface CreateConsultResponse {
  consult: ConsultSummary;
  patientLink: PatientLink;
}

/** What a patient link resolves to, before joining: enough to greet the patient, nothing more. */
export interface JoinLinkInfo {
  consultTitle: string;
  clinicianName: string;
  patientName: string | null;
  validUntil: string;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  version: string;
  database: 'up' | 'down';
  sfu: 'up' | 'down';
  uptimeSeconds: number;
}

/** Error body of every failed REST call. */
export interface RestErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
}
