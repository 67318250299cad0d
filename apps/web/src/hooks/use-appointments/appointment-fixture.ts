import type { Appointment } from '@teleconsult/protocol';

/** Test data: a booked appointment, overridable field by field. */
export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'a1',
    clinicianId: 'c1',
    clinicianName: 'Dr Ada',
    bookedBy: 'c1',
    startsAt: '2026-11-24T09:00:00.000Z',
    endsAt: '2026-11-24T09:20:00.000Z',
    timeZone: 'Europe/London',
    status: 'booked',
    patientName: 'Grace Hopper',
    patientEmail: null,
    patientPhone: null,
    reason: 'Knee review',
    consultId: 'k1',
    linkValidFrom: '2026-11-24T08:45:00.000Z',
    linkValidUntil: '2026-11-24T10:00:00.000Z',
    createdAt: '2026-11-20T09:00:00.000Z',
    cancelledAt: null,
    cancelReason: null,
    ...overrides,
  };
}
