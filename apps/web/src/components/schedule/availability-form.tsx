import type { ReactNode } from 'react';
import {
  type AvailabilityDraft,
  DEFAULT_RANGE,
  type ExceptionDraft,
  type TimeRange,
  WEEKDAYS,
  inputKey,
} from './availability-draft';
import './availability-form.css';

const SLOT_LENGTHS = [10, 15, 20, 30, 45, 60, 90];

const timeZones = (current: string): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: 'timeZone') => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? [];
  return all.includes(current) ? all : [current, ...all];
};

const nextRange = (ranges: TimeRange[]): TimeRange => {
  const last = ranges.at(-1);
  if (!last) return { ...DEFAULT_RANGE };
  const hour = Math.min(Number(last.end.slice(0, 2)) + 1, 22);
  return { start: `${String(hour).padStart(2, '0')}:00`, end: `${String(hour + 1).padStart(2, '0')}:00` };
};

const tomorrow = () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export interface AvailabilityFormProps {
  draft: AvailabilityDraft;
  onChange(draft: AvailabilityDraft): void;
  /** The input the last save refused (see inputKeyFor) and why. */
  invalid?: { key: string; message: string } | null;
}

/** Zone, slot length, weekly ranges per weekday and dated exceptions: a controlled form. */
export function AvailabilityForm({ draft, onChange, invalid }: AvailabilityFormProps) {
  const bad = (key: string) =>
    invalid?.key === key
      ? { 'aria-invalid': true as const, 'aria-describedby': 'availability-field-error' }
      : {};
  const hint = (keys: string[]): ReactNode =>
    invalid && keys.includes(invalid.key) ? (
      <p className="availability__field-error" id="availability-field-error" role="alert">
        {invalid.message}
      </p>
    ) : null;

  const setDay = (day: number, ranges: TimeRange[]) =>
    onChange({ ...draft, days: draft.days.map((r, i) => (i === day ? ranges : r)) });
  const setException = (index: number, next: ExceptionDraft | null) =>
    onChange({
      ...draft,
      exceptions: next
        ? draft.exceptions.map((e, i) => (i === index ? next : e))
        : draft.exceptions.filter((_, i) => i !== index),
    });

  const rangeInputs = (
    ranges: TimeRange[],
    keyOf: (range: number, part: 'start' | 'end') => string,
    label: string,
    set: (ranges: TimeRange[]) => void,
  ) =>
    ranges.map((range, r) => (
      <span className="time-range" key={r}>
        <input
          type="time"
          aria-label={`${label} from`}
          data-key={keyOf(r, 'start')}
          value={range.start}
          onChange={(e) => set(ranges.map((x, i) => (i === r ? { ...x, start: e.target.value } : x)))}
          {...bad(keyOf(r, 'start'))}
        />
        <span aria-hidden="true">–</span>
        <input
          type="time"
          aria-label={`${label} until`}
          data-key={keyOf(r, 'end')}
          value={range.end}
          onChange={(e) => set(ranges.map((x, i) => (i === r ? { ...x, end: e.target.value } : x)))}
          {...bad(keyOf(r, 'end'))}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove ${label} ${range.start}–${range.end}`}
          title="Remove these hours"
          onClick={() => set(ranges.filter((_, i) => i !== r))}
        >
          ×
        </button>
      </span>
    ));

  return (
    <div className="availability">
      <div className="form-grid">
        <label className="field">
          <span>Time zone (your hours are wall-clock times here)</span>
          <select
            value={draft.timeZone}
            data-testid="availability-zone"
            data-key="timeZone"
            onChange={(e) => onChange({ ...draft, timeZone: e.target.value })}
            {...bad('timeZone')}
          >
            {timeZones(draft.timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
          {hint(['timeZone'])}
        </label>
        <label className="field">
          <span>Appointment length</span>
          <select
            value={draft.slotMinutes}
            data-testid="availability-slot-minutes"
            data-key="slotMinutes"
            onChange={(e) => onChange({ ...draft, slotMinutes: Number(e.target.value) })}
            {...bad('slotMinutes')}
          >
            {[...new Set([...SLOT_LENGTHS, draft.slotMinutes])]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={m}>
                  {m} minutes
                </option>
              ))}
          </select>
          {hint(['slotMinutes'])}
        </label>
      </div>

      <h2>Weekly hours</h2>
      <ul className="availability__days">
        {WEEKDAYS.map((name, day) => {
          const ranges = draft.days[day] ?? [];
          const keys = ranges.flatMap((_, r) => [
            inputKey.weekly(day, r, 'start'),
            inputKey.weekly(day, r, 'end'),
          ]);
          return (
            <li
              key={name}
              className="availability__day"
              data-testid="availability-day"
              data-weekday={day + 1}
            >
              <span className="availability__day-name">{name}</span>
              <span className="availability__ranges">
                {ranges.length === 0 ? <span className="muted">Not available</span> : null}
                {rangeInputs(
                  ranges,
                  (r, part) => inputKey.weekly(day, r, part),
                  name,
                  (next) => setDay(day, next),
                )}
                {hint(keys)}
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => setDay(day, [...ranges, nextRange(ranges)])}
              >
                + Add hours
              </button>
            </li>
          );
        })}
      </ul>

      <h2>Exceptions</h2>
      <p className="muted small">A day off, or different hours that replace the weekly ones on that date.</p>
      {draft.exceptions.length === 0 ? <p className="muted">No exceptions.</p> : null}
      <ul className="availability__days">
        {draft.exceptions.map((exception, index) => {
          const dateKey = inputKey.exception(index, 'date');
          const keys = [
            dateKey,
            ...exception.ranges.flatMap((_, r) => [
              inputKey.exception(index, `${r}.start`),
              inputKey.exception(index, `${r}.end`),
            ]),
          ];
          return (
            <li
              key={index}
              className="availability__day availability__day--exception"
              data-testid="availability-exception"
            >
              <span className="availability__exception-head">
                <input
                  type="date"
                  aria-label="Exception date"
                  data-key={dateKey}
                  value={exception.date}
                  onChange={(e) => setException(index, { ...exception, date: e.target.value })}
                  {...bad(dateKey)}
                />
                <select
                  aria-label="Exception kind"
                  value={exception.ranges.length === 0 ? 'off' : 'hours'}
                  onChange={(e) =>
                    setException(index, {
                      ...exception,
                      ranges: e.target.value === 'off' ? [] : [{ ...DEFAULT_RANGE }],
                    })
                  }
                >
                  <option value="off">Day off</option>
                  <option value="hours">Special hours</option>
                </select>
              </span>
              <span className="availability__ranges">
                {exception.ranges.length === 0 ? <span className="muted">Not available all day</span> : null}
                {rangeInputs(
                  exception.ranges,
                  (r, part) => inputKey.exception(index, `${r}.${part}`),
                  `Hours on ${exception.date || 'this date'}`,
                  (ranges) => setException(index, { ...exception, ranges }),
                )}
                {exception.ranges.length > 0 ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      setException(index, {
                        ...exception,
                        ranges: [...exception.ranges, nextRange(exception.ranges)],
                      })
                    }
                  >
                    + Add hours
                  </button>
                ) : null}
                {hint(keys)}
              </span>
              <button
                type="button"
                className="link-button link-button--danger"
                onClick={() => setException(index, null)}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button"
        data-testid="add-exception"
        onClick={() =>
          onChange({ ...draft, exceptions: [...draft.exceptions, { date: tomorrow(), ranges: [] }] })
        }
      >
        Add an exception
      </button>
    </div>
  );
}
