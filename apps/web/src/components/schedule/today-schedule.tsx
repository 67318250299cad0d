import { useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import type { Appointment } from '@teleconsult/protocol';
import { sessionStore } from '../../api/session-store';
import { useAppointments } from '../../hooks/use-appointments/use-appointments';
import { downloadWithToken } from './schedule-format';
import { ScheduleRow, type ScheduleRowActions } from './schedule-row';
import './schedule.css';

const UPCOMING_DAYS = 7;
const isToday = (iso: string) => new Date(iso).toDateString() === new Date().toDateString();

async function downloadIcs(appointment: Appointment) {
  const token = sessionStore.get()?.accessToken;
  if (!token) throw new Error('Sign in again to download the calendar file.');
  const date = appointment.startsAt.slice(0, 10);
  await downloadWithToken(
    `/api/appointments/${encodeURIComponent(appointment.id)}/calendar.ics`,
    token,
    `appointment-${date}.ics`,
  );
}

/** Today's and the coming week's appointments with what a clinician does next. */
export function TodaySchedule() {
  const [, navigate] = useLocation();
  const today = useMemo(() => new Date(), []);
  const { appointments, error, cancel, noShow, reissueLink, reschedule } = useAppointments(today, {
    days: UPCOMING_DAYS,
  });
  const actions: ScheduleRowActions = {
    start: (a) => navigate(`/consults/${a.consultId}`),
    reissueLink,
    reschedule,
    cancel,
    noShow,
    downloadIcs,
  };
  const todays = appointments?.filter((a) => isToday(a.startsAt)) ?? [];
  const later = appointments?.filter((a) => !isToday(a.startsAt)) ?? [];
  const open = todays.filter((a) => a.status === 'booked').length;

  return (
    <section className="card" data-testid="today-schedule" aria-label="Schedule">
      <div className="card-actions">
        <div>
          <h2>Today</h2>
          <p className="muted small schedule__summary">
            {appointments === null
              ? ' '
              : todays.length === 0
                ? 'No appointments today.'
                : `${todays.length} appointment${todays.length === 1 ? '' : 's'} · ${open} still to see`}
          </p>
        </div>
        <span className="schedule__buttons">
          <Link href="/book" className="button button--primary" data-testid="nav-book">
            Book appointment
          </Link>
          <Link href="/availability" className="button" data-testid="nav-availability">
            Availability
          </Link>
        </span>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {appointments === null ? (
        <p className="muted">Loading your appointments…</p>
      ) : appointments.length === 0 ? (
        <div className="schedule__empty" data-testid="schedule-empty">
          <p>
            <strong>Nothing booked for the coming week.</strong>
          </p>
          <p className="muted">
            Set the hours you can see patients in <Link href="/availability">Availability</Link>, then{' '}
            <Link href="/book">book an appointment</Link> — the patient gets a link that opens shortly before
            their time.
          </p>
        </div>
      ) : (
        <>
          {todays.length > 0 ? (
            <ul className="schedule">
              {todays.map((a) => (
                <ScheduleRow key={a.id} appointment={a} actions={actions} />
              ))}
            </ul>
          ) : null}
          {later.length > 0 ? (
            <>
              <h3 className="schedule__later">Coming days</h3>
              <ul className="schedule">
                {later.map((a) => (
                  <ScheduleRow key={a.id} appointment={a} actions={actions} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
