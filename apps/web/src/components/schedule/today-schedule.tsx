import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Appointment, AppointmentLink } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../../api/api-client';
import { STATUS_TEXT, dayRange, localTime } from './schedule-format';
import './schedule.css';

const UPCOMING_DAYS = 7;
const isToday = (iso: string) => new Date(iso).toDateString() === new Date().toDateString();
const shortDay = (iso: string) => new Date(iso).toLocaleDateString([], { weekday: 'short', day: 'numeric' });

/** Today's and the coming week's appointments with what a clinician does next: start, re-send the link, cancel, no-show. */
export function TodaySchedule() {
  const [, navigate] = useLocation();
  const [appointments, setAppointments] = useState<Appointment[] | null>(null);
  const [newLink, setNewLink] = useState<{ id: string; link: AppointmentLink } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const [from] = dayRange(new Date());
    const to = new Date(from.getTime() + UPCOMING_DAYS * 86_400_000);
    api.listAppointments(from, to).then(setAppointments, () => setAppointments([]));
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [load]);

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      load();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'That did not work.');
    }
  };

  return (
    <section className="card" data-testid="today-schedule">
      <div className="card-actions">
        <h2>Today and the week ahead</h2>
        <span>
          <Link href="/book" className="button button--primary" data-testid="nav-book">
            Book appointment
          </Link>{' '}
          <Link href="/availability" className="button">
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
        <p className="muted">Loading today's appointments…</p>
      ) : appointments.length === 0 ? (
        <p className="muted">No appointments in the coming week. Book one, or set your availability first.</p>
      ) : (
        <ul className="schedule">
          {appointments.map((a) => (
            <li key={a.id} className="schedule-row" data-testid="schedule-row" data-status={a.status}>
              <span className="schedule-row__time">
                {isToday(a.startsAt) ? null : <span className="muted small">{shortDay(a.startsAt)} </span>}
                {localTime(a.startsAt)}
              </span>
              <span>
                <strong>{a.patientName}</strong>
                {a.reason ? <span className="muted"> · {a.reason}</span> : null}
                {newLink?.id === a.id ? (
                  <span className="link-panel__row">
                    <input
                      readOnly
                      value={newLink.link.url}
                      aria-label="New patient link"
                      onFocus={(e) => e.target.select()}
                    />
                  </span>
                ) : null}
              </span>
              <span className={`status status--${a.status}`} data-testid="appointment-status">
                {STATUS_TEXT[a.status]}
              </span>
              <span className="schedule-row__actions">
                {a.status === 'booked' ? (
                  <>
                    <button
                      type="button"
                      className="button button--primary"
                      onClick={() => navigate(`/consults/${a.consultId}`)}
                    >
                      Start
                    </button>
                    <button
                      type="button"
                      className="button"
                      title="Issue a new link; the old one stops working"
                      onClick={() =>
                        void act(async () =>
                          setNewLink({ id: a.id, link: await api.reissueAppointmentLink(a.id) }),
                        )
                      }
                    >
                      New link
                    </button>
                    {Date.parse(a.startsAt) <= Date.now() ? (
                      <button
                        type="button"
                        className="button"
                        onClick={() => void act(() => api.appointmentAction(a.id, 'no-show'))}
                      >
                        No-show
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        const reason = window.prompt('Cancel this appointment? Reason (optional):');
                        if (reason !== null)
                          void act(() => api.appointmentAction(a.id, 'cancel', reason ? { reason } : {}));
                      }}
                    >
                      Cancel
                    </button>
                  </>
                ) : a.status === 'completed' ? (
                  <Link href={`/consults/${a.consultId}/summary`} data-testid="open-summary">
                    Summary
                  </Link>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
