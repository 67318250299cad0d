import { useCallback, useEffect, useState } from 'react';
import type { Appointment, AppointmentLink } from '@teleconsult/protocol';
import { api } from '../../api/api-client';
import { dayRange } from '../../components/schedule/schedule-format';

export interface AppointmentsState {
  /** Null while the first load runs. Sorted by start time. */
  appointments: Appointment[] | null;
  error: string | null;
  refresh(): void;
  cancel(id: string, reason?: string): Promise<void>;
  noShow(id: string): Promise<void>;
  /** Issues a new patient link; the previous one stops working. */
  reissueLink(id: string): Promise<AppointmentLink>;
  /** Moves a booked appointment to another free slot; the patient's link keeps working. */
  reschedule(id: string, startsAt: string): Promise<void>;
}

const byStart = (a: Appointment, b: Appointment) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

/**
 * The signed-in clinician's appointments over `days` local days from `day`, refreshed every `pollMs`
 * so statuses (completed when the consult ends) follow without a reload. Actions throw ApiRequestError.
 */
export function useAppointments(
  day: Date,
  { days = 1, pollMs = 30_000 }: { days?: number; pollMs?: number } = {},
): AppointmentsState {
  const [appointments, setAppointments] = useState<Appointment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const dayKey = day.toDateString();

  useEffect(() => {
    let live = true;
    const load = () => {
      const [from] = dayRange(new Date(dayKey));
      const to = new Date(from);
      to.setDate(to.getDate() + days); // local days: DST-safe
      api.listAppointments(from, to).then(
        (list) => {
          if (!live) return;
          setAppointments([...list].sort(byStart));
          setError(null);
        },
        (caught: unknown) => {
          if (!live) return;
          setAppointments((current) => current ?? []);
          setError(caught instanceof Error ? caught.message : 'The appointments could not be loaded.');
        },
      );
    };
    load();
    const timer = pollMs > 0 ? setInterval(load, pollMs) : undefined;
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [dayKey, days, pollMs, generation]);

  const replace = useCallback((updated: Appointment) => {
    setAppointments((list) => list?.map((a) => (a.id === updated.id ? updated : a)) ?? null);
  }, []);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  const cancel = useCallback(
    async (id: string, reason?: string) =>
      replace(await api.appointmentAction(id, 'cancel', reason?.trim() ? { reason: reason.trim() } : {})),
    [replace],
  );
  const noShow = useCallback(
    async (id: string) => replace(await api.appointmentAction(id, 'no-show')),
    [replace],
  );
  const reissueLink = useCallback(async (id: string) => {
    const link = await api.reissueAppointmentLink(id);
    setGeneration((n) => n + 1); // linkValidFrom/Until changed
    return link;
  }, []);

  const reschedule = useCallback(async (id: string, startsAt: string) => {
    await api.rescheduleAppointment(id, startsAt);
    setGeneration((n) => n + 1); // order and link window changed
  }, []);

  return { appointments, error, refresh, cancel, noShow, reissueLink, reschedule };
}
