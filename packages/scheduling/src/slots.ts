import { DateTime, FixedOffsetZone } from 'luxon';
import { type Availability, minutesOfDay } from './availability';

export interface Slot {
  /** UTC instants, ISO 8601. */
  startsAt: string;
  endsAt: string;
}

export interface SlotQuery {
  availability: Availability;
  /** Half-open range [from, to) of instants to list slots in. */
  from: Date;
  to: Date;
  /** Already-taken intervals (appointments); overlapping slots are left out. */
  taken?: ReadonlyArray<{ startsAt: Date; endsAt: Date }>;
}

/** The longest range one query may span, so a request cannot make the server enumerate years. */
export const MAX_SLOT_QUERY_DAYS = 62;

/**
 * Bookable slots. Windows are wall-clock times in the clinician's zone, so "09:00" stays 09:00
 * locally on both sides of a DST change while its UTC instant moves. A slot whose local start
 * does not exist (the spring-forward gap) is skipped; in the repeated autumn hour a wall-clock
 * time is taken once, at its first (summer-time) occurrence.
 */
export function listSlots({ availability, from, to, taken = [] }: SlotQuery): Slot[] {
  const zone = availability.timeZone;
  const start = DateTime.fromJSDate(from, { zone });
  const end = DateTime.fromJSDate(to, { zone });
  if (!(end > start)) return [];
  if (end.diff(start, 'days').days > MAX_SLOT_QUERY_DAYS) {
    throw new RangeError(`a slot query may span at most ${MAX_SLOT_QUERY_DAYS} days`);
  }
  const busy = taken.map((t) => [t.startsAt.getTime(), t.endsAt.getTime()] as const);
  const exceptions = new Map(availability.exceptions.map((e) => [e.date, e.windows]));
  const slotMs = availability.slotMinutes * 60_000;
  const [fromMs, toMs] = [start.toMillis(), end.toMillis()];
  const slots: Slot[] = [];

  for (let day = start.startOf('day'); day < end; day = day.plus({ days: 1 }).startOf('day')) {
    const windows =
      exceptions.get(day.toISODate() ?? '') ?? availability.weekly.filter((w) => w.weekday === day.weekday);
    if (windows.length === 0) continue;
    // On an ordinary day (no offset change) wall-clock minutes map to instants by plain arithmetic;
    // only a DST-change day takes the slower per-slot resolution through the zone rules.
    const next = day.plus({ days: 1 }).startOf('day');
    const uniform = next.toMillis() - day.toMillis() === 86_400_000 && next.offset === day.offset;
    for (const window of windows) {
      const last = minutesOfDay(window.end) - availability.slotMinutes;
      for (let minute = minutesOfDay(window.start); minute <= last; minute += availability.slotMinutes) {
        let slotStartMs: number;
        if (uniform) {
          slotStartMs = day.toMillis() + minute * 60_000;
        } else {
          const wall = {
            year: day.year,
            month: day.month,
            day: day.day,
            hour: Math.floor(minute / 60),
            minute: minute % 60,
          };
          const resolved = wallClockToInstant(wall, zone);
          if (!resolved) continue;
          slotStartMs = resolved.toMillis();
        }
        const slotEndMs = slotStartMs + slotMs;
        if (slotStartMs < fromMs || slotEndMs > toMs) continue;
        if (busy.some(([busyStart, busyEnd]) => busyStart < slotEndMs && slotStartMs < busyEnd)) continue;
        slots.push({
          startsAt: new Date(slotStartMs).toISOString(),
          endsAt: new Date(slotEndMs).toISOString(),
        });
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

const sameWallClock = (time: DateTime, wall: WallClock) =>
  time.hour === wall.hour && time.minute === wall.minute;

/**
 * The instant of a local wall-clock time: null inside a spring-forward gap (Luxon would move it
 * forward), the first occurrence inside a repeated autumn hour (Luxon would take the second).
 */
function wallClockToInstant(wall: WallClock, zone: string): DateTime | null {
  const resolved = DateTime.fromObject(wall, { zone });
  if (!sameWallClock(resolved, wall)) return null;
  const offsetBefore = resolved.minus({ hours: 3 }).offset;
  const earlier = DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(offsetBefore) }).setZone(zone);
  return earlier < resolved && sameWallClock(earlier, wall) ? earlier : resolved;
}

/** True when `startsAt` is exactly one of the bookable slots (booking must not invent times). */
export function isBookableSlot(availability: Availability, startsAt: Date): boolean {
  const from = new Date(startsAt.getTime());
  const to = new Date(startsAt.getTime() + availability.slotMinutes * 60_000);
  return listSlots({ availability, from, to }).some((s) => Date.parse(s.startsAt) === startsAt.getTime());
}
