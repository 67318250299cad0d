import { z } from 'zod';

/** Every failure the api reports to a client carries one of these codes. */
export const errorCodeSchema = z.enum([
  'VALIDATION_FAILED',
  'UNKNOWN_EVENT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'LINK_INVALID',
  'LINK_EXPIRED',
  'LINK_REVOKED',
  'CONSULT_ENDED',
  'NOT_JOINED',
  'ALREADY_JOINED',
  'NOT_FOUND',
  /** A state change that conflicts with the current state (e.g. rescheduling a cancelled appointment). */
  'CONFLICT',
  /** The slot is taken, outside the clinician's availability, or in the past. */
  'SLOT_UNAVAILABLE',
  /** A patient link used before its window opens. */
  'LINK_NOT_YET_VALID',
  /** The appointment behind a patient link was cancelled. */
  'APPOINTMENT_CANCELLED',
  /** A waiting patient asked for something only admitted participants may do. */
  'NOT_ADMITTED',
  /** The clinician turned this patient away from the waiting room. */
  'ADMISSION_DENIED',
  /** Remote ICU talk-down: another station is already talking to this bed. */
  'TALK_BUSY',
  /** Remote ICU talk-down: this station is already talking to another bed; it ends that one first. */
  'TALK_ALREADY_ACTIVE',
  /** Remote ICU: no bedside device is connected to this bed now. */
  'BED_OFFLINE',
  /** Remote ICU: the clinician is not on this ward's staff; an administrator assigns wards. */
  'WARD_NOT_ASSIGNED',
  /** An admin action naming an account that is disabled. */
  'ACCOUNT_DISABLED',
  /** An admin action that needs a clinician's account was given another kind (e.g. an admin's). */
  'NOT_A_CLINICIAN',
  'INVALID_MEDIA_PARAMETERS',
  /** An uploaded image that is not what it claims, truncated, or not renderable. */
  'INVALID_IMAGE',
  /** The consult room already holds MAX_ROOM_PARTICIPANTS people. */
  'ROOM_FULL',
  /** A one-time specialist invitation link that another clinician already redeemed. */
  'INVITATION_USED',
  'SFU_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const protocolErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Dotted path of the offending field, when the error is about one field. */
  field: z.string().optional(),
});
export type ProtocolError = z.infer<typeof protocolErrorSchema>;

/** Acknowledgement of a client request: a typed result or a typed error, never both. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, field?: string): Ack<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Turns the first zod issue into a protocol error naming the field. */
export function validationError(error: z.ZodError): ProtocolError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue
    ? `${field ?? 'payload'}: ${issue.message}`
    : 'payload failed validation';
  return field === undefined
    ? { code: 'VALIDATION_FAILED', message }
    : { code: 'VALIDATION_FAILED', message, field };
}
