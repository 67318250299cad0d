import { availabilitySchema } from '@teleconsult/scheduling';
import { z } from 'zod';
import { displayNameSchema } from './peers';

/** Scheduling REST bodies, queries and responses: availability, slots and appointments. */

const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-29T09:00:00Z',
});
const uuid = z.uuid({ message: 'must be a UUID' });

/** A half-open range [from, to) of instants; at most 62 days so a query cannot enumerate years. */
export const MAX_RANGE_DAYS = 62;
export const instantRangeSchema = z
  .object({ from: instant, to: instant })
  .refine((r) => Date.parse(r.to) > Date.parse(r.from), { message: 'must be after from', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_RANGE_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });

export const availabilityRequestSchema = availabilitySchema;
export type AvailabilityRequest = z.input<typeof availabilityRequestSchema>;

export const availabilityResponseSchema = availabilitySchema.extend({
  clinicianId: z.string(),
  /** Null until the clinician first saves their availability. */
  updatedAt: z.string().nullable(),
});
export type AvailabilityResponse = z.infer<typeof availabilityResponseSchema>;

export const clinicianDirectoryEntrySchema = z.object({ id: z.string(), displayName: z.string() });
export const clinicianDirectorySchema = z.array(clinicianDirectoryEntrySchema);
export type ClinicianDirectoryEntry = z.infer<typeof clinicianDirectoryEntrySchema>;

export const slotsQuerySchema = instantRangeSchema;
export const slotSchema = z.object({ startsAt: z.string(), endsAt: z.string() });
export const slotsResponseSchema = z.object({
  clinicianId: z.string(),
  timeZone: z.string(),
  slotMinutes: z.number(),
  slots: z.array(slotSchema),
});
export type SlotsResponse = z.infer<typeof slotsResponseSchema>;

export const appointmentStatusSchema = z.enum(['booked', 'completed', 'cancelled', 'no_show']);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const appointmentPatientSchema = z.object({
  name: displayNameSchema,
  email: z.email({ message: 'must be an e-mail address' }).max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,24}$/, 'must be a phone number such as +44 20 7946 0000')
    .optional(),
});

export const bookAppointmentRequestSchema = z.object({
  clinicianId: uuid,
  startsAt: instant,
  patient: appointmentPatientSchema,
  reason: z.string().trim().max(500).optional(),
});
export type BookAppointmentRequest = z.input<typeof bookAppointmentRequestSchema>;

export const rescheduleAppointmentRequestSchema = z.object({ startsAt: instant });
export const cancelAppointmentRequestSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const appointmentsQuerySchema = instantRangeSchema.and(
  z.object({
    /** Whose appointments; defaults to the caller's own. */
    clinicianId: uuid.optional(),
  }),
);

export const appointmentSchema = z.object({
  id: z.string(),
  clinicianId: z.string(),
  clinicianName: z.string(),
  bookedBy: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** The clinician's zone when booked: how the slot reads on their wall clock. */
  timeZone: z.string(),
  status: appointmentStatusSchema,
  patientName: z.string(),
  patientEmail: z.string().nullable(),
  patientPhone: z.string().nullable(),
  reason: z.string().nullable(),
  consultId: z.string(),
  /** When the patient link opens and closes (null once revoked). */
  linkValidFrom: z.string().nullable(),
  linkValidUntil: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentLinkSchema = z.object({
  url: z.string(),
  validFrom: z.string(),
  expiresAt: z.string(),
});
export type AppointmentLink = z.infer<typeof appointmentLinkSchema>;

export const bookAppointmentResponseSchema = z.object({
  appointment: appointmentSchema,
  /** Shown once: only a hash of the token is stored. Re-issue to get a new one. */
  patientLink: appointmentLinkSchema,
});
export type BookAppointmentResponse = z.infer<typeof bookAppointmentResponseSchema>;

export const appointmentListSchema = z.array(appointmentSchema);
