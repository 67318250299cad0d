import { z } from 'zod';
import { displayNameSchema } from './peers';

/** What the patient's pre-call check found; reported on joining and shown to the clinician. */
export const deviceCheckSchema = z.object({
  camera: z.enum(['ok', 'blocked', 'missing', 'untested']),
  microphone: z.enum(['ok', 'silent', 'blocked', 'missing', 'untested']),
  speaker: z.enum(['heard', 'not-heard', 'untested']),
  network: z.object({
    /** Median round trip to the api in milliseconds; null when it could not be measured. */
    rttMs: z.number().min(0).max(60_000).nullable(),
    /** Upload throughput in kilobits per second; null when it could not be measured. */
    uplinkKbps: z.number().min(0).max(10_000_000).nullable(),
  }),
});
export type DeviceCheck = z.infer<typeof deviceCheckSchema>;

/** A patient in the waiting room, as the clinician sees them. */
export const waitingPatientSchema = z.object({
  participantId: z.string().uuid(),
  consultId: z.string().uuid(),
  consultTitle: z.string(),
  displayName: z.string(),
  waitingSince: z.string(),
  deviceCheck: deviceCheckSchema.nullable(),
});
export type WaitingPatient = z.infer<typeof waitingPatientSchema>;

/** A message the clinician may attach when turning a patient away. */
export const denyMessageSchema = z.string().trim().max(300);

export const participantStatusSchema = z.enum(['waiting', 'admitted', 'denied']);
export type ParticipantStatus = z.infer<typeof participantStatusSchema>;

/** Someone who took part (or tried to) in a consult, for its summary. */
export const participantRecordSchema = z.object({
  participantId: z.string().uuid(),
  role: z.enum(['clinician', 'patient']),
  displayName: displayNameSchema,
  status: participantStatusSchema,
  waitingSince: z.string().nullable(),
  admittedAt: z.string().nullable(),
  joinedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
});
export type ParticipantRecord = z.infer<typeof participantRecordSchema>;
