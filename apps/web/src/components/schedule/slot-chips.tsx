import type { SlotsResponse } from '@teleconsult/protocol';
import { localTime } from './schedule-format';

export interface SlotChipsProps {
  slots: SlotsResponse;
  selected: string | null;
  onSelect(startsAt: string): void;
  /** The viewer's zone; defaults to the browser's. Times are shown in it. */
  viewerTimeZone?: string;
}

const zoneName = (zone: string) => zone.replaceAll('_', ' ');

/** Free slots as chips in the viewer's local time, noting the clinician's zone when it differs. */
export function SlotChips({ slots, selected, onSelect, viewerTimeZone }: SlotChipsProps) {
  const viewer = viewerTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const otherZone = slots.timeZone && slots.timeZone !== viewer ? slots.timeZone : null;
  return (
    <>
      <div className="slot-grid" role="group" aria-label="Free times">
        {slots.slots.map((slot) => (
          <button
            key={slot.startsAt}
            type="button"
            className="slot-chip"
            data-testid="slot-chip"
            data-starts-at={slot.startsAt}
            aria-pressed={slot.startsAt === selected}
            title={
              otherZone
                ? `${localTime(slot.startsAt, otherZone)} for the clinician (${zoneName(otherZone)})`
                : undefined
            }
            onClick={() => onSelect(slot.startsAt)}
          >
            {localTime(slot.startsAt, viewer)}
          </button>
        ))}
      </div>
      <p className="muted small" data-testid="slot-zone-note">
        {slots.slotMinutes ? `${slots.slotMinutes}-minute appointments. ` : ''}
        Times are in your time zone ({zoneName(viewer)})
        {otherZone ? `; the clinician works in ${zoneName(otherZone)}.` : '.'}
      </p>
    </>
  );
}
