import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import type { Appointment, AppointmentLink } from '@teleconsult/protocol';
import { linkWindowInWords } from './link-window';
import { ReschedulePanel } from './reschedule-panel';
import { STATUS_TEXT, localTime } from './schedule-format';
import './schedule.css';
import './schedule-row.css';

export interface ScheduleRowActions {
  start(appointment: Appointment): void;
  reissueLink(id: string): Promise<AppointmentLink>;
  reschedule(id: string, startsAt: string): Promise<void>;
  cancel(id: string, reason?: string): Promise<void>;
  noShow(id: string): Promise<void>;
  downloadIcs(appointment: Appointment): Promise<void>;
}

type Panel =
  | { kind: 'confirm-link' }
  | { kind: 'link'; link: AppointmentLink }
  | { kind: 'cancel' }
  | { kind: 'reschedule' }
  | null;

const shortDay = (iso: string) =>
  new Date(iso).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' });
const isToday = (iso: string) => new Date(iso).toDateString() === new Date().toDateString();

/** One appointment with what a clinician does next; risky actions confirm inline, not in a browser prompt. */
export function ScheduleRow({
  appointment: a,
  actions,
}: {
  appointment: Appointment;
  actions: ScheduleRowActions;
}) {
  const [panel, setPanel] = useState<Panel>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const started = Date.parse(a.startsAt) <= Date.now();

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'That did not work — try again.');
    } finally {
      setBusy(false);
    }
  };

  const cancel = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await actions.cancel(a.id, reason);
      setPanel(null);
    });
  };

  return (
    <li className="schedule-row" data-testid="schedule-row" data-status={a.status}>
      <span className="schedule-row__time">
        {isToday(a.startsAt) ? null : <span className="schedule-row__day">{shortDay(a.startsAt)}</span>}
        {localTime(a.startsAt)}
      </span>
      <span className={`status status--${a.status}`} data-testid="appointment-status">
        {STATUS_TEXT[a.status]}
      </span>
      <span className="schedule-row__who">
        <strong>{a.patientName}</strong>
        {a.reason ? <span className="muted"> · {a.reason}</span> : null}
        {a.status === 'cancelled' && a.cancelReason ? (
          <span className="muted small schedule-row__note">Cancelled: {a.cancelReason}</span>
        ) : null}
      </span>
      <span className="schedule-row__actions">
        {a.status === 'booked' ? (
          <>
            <button
              type="button"
              className="button button--primary button--small"
              data-testid="schedule-start"
              onClick={() => actions.start(a)}
            >
              Start consult
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="schedule-new-link"
              onClick={() => setPanel({ kind: 'confirm-link' })}
            >
              New link
            </button>
            {started ? (
              <button
                type="button"
                className="button button--small"
                data-testid="schedule-no-show"
                disabled={busy}
                onClick={() => void run(() => actions.noShow(a.id))}
              >
                No-show
              </button>
            ) : null}
            <button
              type="button"
              className="button button--small"
              data-testid="schedule-reschedule"
              onClick={() => setPanel({ kind: 'reschedule' })}
            >
              Reschedule
            </button>
            <button
              type="button"
              className="button button--small button--quiet-danger"
              data-testid="schedule-cancel"
              onClick={() => setPanel({ kind: 'cancel' })}
            >
              Cancel
            </button>
          </>
        ) : a.status === 'completed' ? (
          <Link href={`/consults/${a.consultId}/summary`} data-testid="open-summary">
            Summary
          </Link>
        ) : null}
        {a.status !== 'cancelled' ? (
          <button
            type="button"
            className="link-button small"
            data-testid="schedule-ics"
            title="Download a calendar file"
            onClick={() => void run(() => actions.downloadIcs(a))}
          >
            .ics
          </button>
        ) : null}
      </span>

      {panel?.kind === 'confirm-link' ? (
        <div className="schedule-row__panel" role="group" aria-label="Issue a new link">
          <p>
            Issue a new link for {a.patientName}?{' '}
            <strong>The link they have now stops working at once.</strong>
          </p>
          <button
            type="button"
            className="button button--primary button--small"
            data-testid="confirm-new-link"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                setCopied(false);
                setPanel({ kind: 'link', link: await actions.reissueLink(a.id) });
              })
            }
          >
            Issue new link
          </button>
          <button type="button" className="button button--small" onClick={() => setPanel(null)}>
            Keep the current link
          </button>
        </div>
      ) : null}
      {panel?.kind === 'link' ? (
        <div className="schedule-row__panel link-panel">
          <p>
            New link for {a.patientName} — shown only now. {linkWindowInWords(panel.link, a.startsAt)}
          </p>
          <div className="link-panel__row">
            <input
              readOnly
              data-testid="schedule-new-link-value"
              value={panel.link.url}
              aria-label="New patient link"
              onFocus={(e) => e.target.select()}
            />
            <button
              type="button"
              className="button button--primary"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(panel.link.url)
                  .then(() => setCopied(true))
                  .catch(() => undefined)
              }
            >
              {copied ? 'Copied ✓' : 'Copy link'}
            </button>
            <button type="button" className="button" onClick={() => setPanel(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      {panel?.kind === 'reschedule' ? (
        <ReschedulePanel
          appointment={a}
          onReschedule={(startsAt) =>
            run(async () => {
              await actions.reschedule(a.id, startsAt);
              setPanel(null);
            })
          }
          onClose={() => setPanel(null)}
        />
      ) : null}
      {panel?.kind === 'cancel' ? (
        <form className="schedule-row__panel" onSubmit={cancel} aria-label="Cancel the appointment">
          <label className="field">
            <span>Reason for cancelling (optional, kept in the record)</span>
            <input
              data-testid="cancel-reason"
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <button
            type="submit"
            className="button button--danger button--small"
            data-testid="confirm-cancel"
            disabled={busy}
          >
            Cancel appointment
          </button>
          <button type="button" className="button button--small" onClick={() => setPanel(null)}>
            Keep it
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="form-error schedule-row__panel" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
