import type { AvailabilityRequest, AvailabilityResponse } from '@teleconsult/protocol';

/** The availability form's own shape: one row per weekday with any number of ranges. */
export interface TimeRange {
  start: string;
  end: string;
}
export interface ExceptionDraft {
  date: string;
  /** Empty = the whole day off; otherwise these hours replace the weekly ones that day. */
  ranges: TimeRange[];
}
export interface AvailabilityDraft {
  timeZone: string;
  slotMinutes: number;
  /** Index 0 = Monday … 6 = Sunday (weekday 1…7); an empty list = not working that day. */
  days: TimeRange[][];
  exceptions: ExceptionDraft[];
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const DEFAULT_RANGE: TimeRange = { start: '09:00', end: '17:00' };

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The saved hours as a draft; a first-time clinician gets Mon–Fri 09:00–17:00 in their browser's zone. */
export function toDraft(
  saved: AvailabilityResponse | null,
  fallbackZone = browserTimeZone(),
): AvailabilityDraft {
  if (!saved || saved.updatedAt === null)
    return {
      timeZone: fallbackZone,
      slotMinutes: saved?.slotMinutes ?? 20,
      days: WEEKDAYS.map((_, i) => (i < 5 ? [{ ...DEFAULT_RANGE }] : [])),
      exceptions: [],
    };
  return {
    timeZone: saved.timeZone,
    slotMinutes: saved.slotMinutes,
    days: WEEKDAYS.map((_, i) =>
      saved.weekly
        .filter((w) => w.weekday === i + 1)
        .sort((a, b) => a.start.localeCompare(b.start))
        .map(({ start, end }) => ({ start, end })),
    ),
    exceptions: [...saved.exceptions]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((e) => ({ date: e.date, ranges: e.windows.map(({ start, end }) => ({ start, end })) })),
  };
}

/** The request body. `weekly` lists the ranges day by day, in the order shown (see inputKeyFor). */
export function toRequest(draft: AvailabilityDraft): AvailabilityRequest {
  return {
    timeZone: draft.timeZone,
    slotMinutes: draft.slotMinutes,
    weekly: draft.days.flatMap((ranges, i) => ranges.map((r) => ({ weekday: i + 1, ...r }))),
    exceptions: draft.exceptions.map((e) => ({ date: e.date, windows: e.ranges })),
  };
}

/** Stable names of the form's inputs, which an API field path is mapped onto. */
export const inputKey = {
  weekly: (day: number, range: number, part: 'start' | 'end') => `day.${day}.${range}.${part}`,
  exception: (index: number, part: 'date' | `${number}.start` | `${number}.end`) =>
    `exception.${index}.${part}`,
};

/**
 * Which input a 400's `field` points at: "weekly.3.end" counts ranges across all days, so it is
 * walked back to (day, range); "exceptions.1.windows.0.start" and "timeZone" map directly.
 * Null when the field is unknown or names a whole list.
 */
export function inputKeyFor(field: string | undefined, draft: AvailabilityDraft): string | null {
  if (!field) return null;
  if (field === 'timeZone' || field === 'slotMinutes') return field;
  const weekly = /^weekly\.(\d+)(?:\.(start|end))?/.exec(field);
  if (weekly) {
    let index = Number(weekly[1]);
    for (const [day, ranges] of draft.days.entries()) {
      if (index < ranges.length)
        return inputKey.weekly(day, index, (weekly[2] as 'start' | 'end') ?? 'start');
      index -= ranges.length;
    }
    return null;
  }
  const exception = /^exceptions\.(\d+)(?:\.(date)|\.windows\.(\d+)\.(start|end))?/.exec(field);
  if (exception) {
    const index = Number(exception[1]);
    if (!draft.exceptions[index]) return null;
    if (exception[3] !== undefined)
      return inputKey.exception(index, `${Number(exception[3])}.${exception[4] as 'start' | 'end'}`);
    return inputKey.exception(index, 'date');
  }
  return null;
}

/** A 400's message without its "weekly.0.end: " prefix, to show beside the input it concerns. */
export const withoutFieldPrefix = (message: string, field: string | undefined) =>
  field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/** An input key in words for the error summary, e.g. "Monday, second hours (until)". */
export function describeInputKey(key: string, draft: AvailabilityDraft): string {
  if (key === 'timeZone') return 'Time zone';
  if (key === 'slotMinutes') return 'Appointment length';
  const parts = key.split('.');
  const part = parts.at(-1) === 'start' ? ' (from)' : parts.at(-1) === 'end' ? ' (until)' : '';
  if (parts[0] === 'day') {
    const day = Number(parts[1]);
    const range = Number(parts[2]);
    const which =
      (draft.days[day]?.length ?? 0) > 1 ? `, ${ORDINAL[range] ?? `#${range + 1}`} hours` : ' hours';
    return `${WEEKDAYS[day] ?? 'Day'}${which}${part}`;
  }
  const exception = draft.exceptions[Number(parts[1])];
  const label = `Exception ${exception?.date ? `on ${exception.date}` : Number(parts[1]) + 1}`;
  return parts[2] === 'date' ? `${label}: date` : `${label}: hours${part}`;
}
