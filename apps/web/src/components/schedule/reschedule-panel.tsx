import { useState } from 'react';
import type { Appointment } from '@teleconsult/protocol';
import { useSlots } from '../../hooks/use-slots/use-slots';
import { localDay } from './schedule-format';
import { SlotChips } from './slot-chips';

/** Pick another free slot of the same clinician; the patient keeps their link, its window moves. */
export function ReschedulePanel({
  appointment,
  onReschedule,
  onClose,
}: {
  appointment: Appointment;
  onReschedule(startsAt: string): Promise<void>;
  onClose(): void;
}) {
  const [day, setDay] = useState(() => new Date(appointment.startsAt));
  const [selected, setSelected] = useState<string | null>(null);
  const { slots, error } = useSlots(appointment.clinicianId, day);
  const move = (days: number) => {
    setSelected(null);
    setDay((d) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + days));
  };

  return (
    <div className="schedule-row__panel" role="group" aria-label="Reschedule" data-testid="reschedule-panel">
      <div className="day-nav">
        <button
          type="button"
          className="button button--small"
          aria-label="Previous day"
          onClick={() => move(-1)}
        >
          ‹
        </button>
        <strong>{localDay(day)}</strong>
        <button type="button" className="button button--small" aria-label="Next day" onClick={() => move(1)}>
          ›
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      {slots === null ? (
        <p className="muted">Loading free times…</p>
      ) : slots.slots.length === 0 ? (
        <p className="muted">No free times this day.</p>
      ) : (
        <SlotChips slots={slots} selected={selected} onSelect={setSelected} />
      )}
      <p className="muted small">
        {appointment.patientName} keeps the same link; it opens shortly before the new time.
      </p>
      <button
        type="button"
        className="button button--primary button--small"
        data-testid="confirm-reschedule"
        disabled={!selected}
        onClick={() => selected && void onReschedule(selected)}
      >
        Move the appointment
      </button>
      <button type="button" className="button button--small" onClick={onClose}>
        Keep the time
      </button>
    </div>
  );
}
