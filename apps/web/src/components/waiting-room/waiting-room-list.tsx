import { useEffect, useState } from 'react';
import type { WaitingPatient } from '@teleconsult/protocol';
import { clinicianSummary } from '../precall/precall-verdict';
import './waiting-room.css';

interface WaitingRoomListProps {
  waiting: WaitingPatient[];
  onAdmit: (patient: WaitingPatient) => Promise<void>;
  onDeny: (patient: WaitingPatient, message: string) => Promise<void>;
  /** Opens the private chat with this patient (dashboard only). */
  onChat?: (patient: WaitingPatient) => void;
  /** Hide the consult title when every patient is for the same consult (inside the room). */
  showConsult?: boolean;
  live?: boolean;
}

export function waitedFor(since: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Patients waiting to be let in: who, for which consult, since when, how their devices did. */
export function WaitingRoomList({
  waiting,
  onAdmit,
  onDeny,
  onChat,
  showConsult = true,
  live = true,
}: WaitingRoomListProps) {
  const [now, setNow] = useState(() => Date.now());
  const [denying, setDenying] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const act = async (run: () => Promise<void>) => {
    setError(null);
    try {
      await run();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'That did not work; try again.');
    }
  };

  return (
    <div className="waiting-room" data-testid="waiting-room">
      {!live ? <p className="muted small">Reconnecting to the waiting room…</p> : null}
      {waiting.length === 0 ? (
        <p className="muted" data-testid="waiting-room-empty">
          Nobody is waiting. Patients appear here as soon as they join with their link.
        </p>
      ) : (
        <ul className="waiting-room__list">
          {waiting.map((patient) => {
            const check = clinicianSummary(patient.deviceCheck);
            return (
              <li key={patient.participantId} className="waiting-room__item" data-testid="waiting-patient">
                <div className="waiting-room__who">
                  <strong data-testid="waiting-patient-name">{patient.displayName}</strong>
                  {showConsult ? <span className="muted"> · {patient.consultTitle}</span> : null}
                  <div className="small muted">
                    Waiting {waitedFor(patient.waitingSince, now)}
                    <span className={`check check--${check.level}`} data-testid="waiting-device-check">
                      {check.text}
                    </span>
                  </div>
                </div>
                {denying === patient.participantId ? (
                  <form
                    className="waiting-room__deny"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void act(async () => {
                        await onDeny(patient, message.trim());
                        setDenying(null);
                        setMessage('');
                      });
                    }}
                  >
                    <input
                      aria-label="Message to the patient (optional)"
                      placeholder="Message to the patient (optional)"
                      maxLength={300}
                      value={message}
                      onChange={(e) => setMessage(e.target.value)}
                    />
                    <button type="submit" className="button button--danger" data-testid="confirm-deny">
                      Turn away
                    </button>
                    <button type="button" className="button" onClick={() => setDenying(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <div className="waiting-room__actions">
                    {onChat ? (
                      <button
                        type="button"
                        className="button"
                        data-testid="chat-with-patient"
                        onClick={() => onChat(patient)}
                      >
                        Chat
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button"
                      data-testid="deny-patient"
                      onClick={() => setDenying(patient.participantId)}
                    >
                      Turn away
                    </button>
                    <button
                      type="button"
                      className="button button--primary"
                      data-testid="admit-patient"
                      onClick={() => void act(() => onAdmit(patient))}
                    >
                      Admit
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
