import type { Appointment } from '@teleconsult/protocol';
import { createEvent } from 'ics';

/**
 * An iCalendar (RFC 5545) event for an appointment, built with the `ics` library (escaping, line
 * folding, UTC times). It carries no join link: only a hash of the patient's token is stored, and a
 * calendar file is forwarded and synced far more widely than the link should travel.
 */
export function appointmentCalendar(appointment: Appointment): string {
  const { error, value } = createEvent({
    uid: `${appointment.id}@teleconsult`,
    // Calendar clients replace an event whose SEQUENCE grows: rescheduling and cancelling bump it.
    sequence: appointment.status === 'cancelled' ? 2 : 1,
    start: Date.parse(appointment.startsAt),
    end: Date.parse(appointment.endsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `Video consultation — ${appointment.patientName} with ${appointment.clinicianName}`,
    description:
      'Teleconsult video consultation. The patient joins with the personal link sent to them; ' +
      'it opens shortly before the appointment.',
    status: appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    productId: 'teleconsult/ics',
    calName: 'Teleconsult',
  });
  if (error || !value) throw new Error(`calendar event could not be built: ${error?.message ?? 'no output'}`);
  return value;
}
