import { describe, expect, it } from 'vitest';
import { type Availability, availabilitySchema } from './availability';
import { isBookableSlot, listSlots } from './slots';

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

const london: Availability = availabilitySchema.parse({
  timeZone: 'Europe/London',
  slotMinutes: 30,
  weekly: [...weekdays('09:00', '10:00'), { weekday: 7, start: '00:30', end: '03:00' }],
});

describe('listSlots', () => {
  it('lists the weekly windows as slots of the configured length in UTC', () => {
    // Tuesday 2026-11-24; London is on GMT (UTC+0) in November.
    const slots = listSlots({
      availability: london,
      from: new Date('2026-11-24T00:00:00Z'),
      to: new Date('2026-11-25T00:00:00Z'),
    });
    expect(slots).toEqual([
      { startsAt: '2026-11-24T09:00:00.000Z', endsAt: '2026-11-24T09:30:00.000Z' },
      { startsAt: '2026-11-24T09:30:00.000Z', endsAt: '2026-11-24T10:00:00.000Z' },
    ]);
  });

  it('keeps 09:00 local across the spring DST change while its UTC instant moves', () => {
    // Friday 27 March 2026 is GMT; Monday 30 March is BST (UTC+1).
    const before = listSlots({
      availability: london,
      from: new Date('2026-03-27T00:00:00Z'),
      to: new Date('2026-03-28T00:00:00Z'),
    });
    const after = listSlots({
      availability: london,
      from: new Date('2026-03-30T00:00:00Z'),
      to: new Date('2026-03-31T00:00:00Z'),
    });
    expect(before[0]?.startsAt).toBe('2026-03-27T09:00:00.000Z');
    expect(after[0]?.startsAt).toBe('2026-03-30T08:00:00.000Z');
  });

  it('skips slots that fall into the spring-forward gap', () => {
    // Sunday 29 March 2026: London clocks jump from 01:00 GMT to 02:00 BST.
    const slots = listSlots({
      availability: london,
      from: new Date('2026-03-28T12:00:00Z'),
      to: new Date('2026-03-29T12:00:00Z'),
    });
    // Local 00:30 (GMT), then 02:00, 02:30 (BST); 01:00 and 01:30 local do not exist.
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it('lists a wall-clock time of the repeated autumn hour once', () => {
    // Sunday 25 October 2026: London clocks fall back from 02:00 BST to 01:00 GMT.
    const slots = listSlots({
      availability: london,
      from: new Date('2026-10-24T12:00:00Z'),
      to: new Date('2026-10-25T12:00:00Z'),
    });
    const starts = slots.map((s) => s.startsAt);
    expect(new Set(starts).size).toBe(starts.length);
    // 00:30 BST = 23:30Z; 01:00 and 01:30 first occurrence (BST) = 00:00Z, 00:30Z; 02:00 and 02:30 GMT.
    expect(starts).toEqual([
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('follows the clinician zone, not the server zone, across a US DST change', () => {
    const newYork = availabilitySchema.parse({
      timeZone: 'America/New_York',
      slotMinutes: 60,
      weekly: weekdays('09:00', '10:00'),
    });
    const friday = listSlots({
      availability: newYork,
      from: new Date('2026-10-30T00:00:00Z'),
      to: new Date('2026-10-31T00:00:00Z'),
    });
    const monday = listSlots({
      availability: newYork,
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-03T00:00:00Z'),
    });
    expect(friday[0]?.startsAt).toBe('2026-10-30T13:00:00.000Z'); // EDT, UTC-4
    expect(monday[0]?.startsAt).toBe('2026-11-02T14:00:00.000Z'); // EST, UTC-5
  });

  it('replaces the weekly hours on an exception day and honours a day off', () => {
    const withExceptions = availabilitySchema.parse({
      ...london,
      exceptions: [
        { date: '2026-11-24', windows: [{ start: '14:00', end: '14:30' }] },
        { date: '2026-11-25', windows: [] },
      ],
    });
    const slots = listSlots({
      availability: withExceptions,
      from: new Date('2026-11-24T00:00:00Z'),
      to: new Date('2026-11-27T00:00:00Z'),
    });
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2026-11-24T14:00:00.000Z',
      '2026-11-26T09:00:00.000Z',
      '2026-11-26T09:30:00.000Z',
    ]);
  });

  it('leaves out slots that overlap taken appointments', () => {
    const slots = listSlots({
      availability: london,
      from: new Date('2026-11-24T00:00:00Z'),
      to: new Date('2026-11-25T00:00:00Z'),
      taken: [{ startsAt: new Date('2026-11-24T09:10:00Z'), endsAt: new Date('2026-11-24T09:20:00Z') }],
    });
    expect(slots.map((s) => s.startsAt)).toEqual(['2026-11-24T09:30:00.000Z']);
  });

  it('refuses to enumerate an unbounded range', () => {
    expect(() =>
      listSlots({
        availability: london,
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2027-01-01T00:00:00Z'),
      }),
    ).toThrow(RangeError);
  });
});

describe('listSlots on ordinary days (arithmetic path)', () => {
  it('places wall-clock times correctly in a half-hour-offset zone', () => {
    const availability: Availability = {
      timeZone: 'Asia/Kolkata',
      slotMinutes: 30,
      weekly: [{ weekday: 2, start: '09:00', end: '10:00' }],
      exceptions: [],
    };
    const slots = listSlots({
      availability,
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-02T00:00:00Z'),
    });
    expect(slots.map((s) => s.startsAt)).toEqual(['2026-12-01T03:30:00.000Z', '2026-12-01T04:00:00.000Z']);
  });

  it('leaves out slots overlapping a taken interval, and those outside the query', () => {
    const availability: Availability = {
      timeZone: 'America/New_York',
      slotMinutes: 20,
      weekly: [{ weekday: 2, start: '09:00', end: '10:00' }],
      exceptions: [],
    };
    const slots = listSlots({
      availability,
      from: new Date('2026-12-01T14:10:00Z'),
      to: new Date('2026-12-02T00:00:00Z'),
      taken: [{ startsAt: new Date('2026-12-01T14:25:00Z'), endsAt: new Date('2026-12-01T14:35:00Z') }],
    });
    // 09:00 EST = 14:00Z starts before `from`; 14:20Z overlaps the taken interval.
    expect(slots.map((s) => s.startsAt)).toEqual(['2026-12-01T14:40:00.000Z']);
  });
});

describe('isBookableSlot', () => {
  it('accepts a listed slot and refuses invented or off-grid times', () => {
    expect(isBookableSlot(london, new Date('2026-11-24T09:30:00Z'))).toBe(true);
    expect(isBookableSlot(london, new Date('2026-11-24T09:15:00Z'))).toBe(false);
    expect(isBookableSlot(london, new Date('2026-11-24T12:00:00Z'))).toBe(false);
  });
});

describe('availabilitySchema', () => {
  it('names the field of an unknown time zone, a reversed window and a bad time', () => {
    const unknownZone = availabilitySchema.safeParse({
      timeZone: 'Mars/Olympus',
      slotMinutes: 30,
      weekly: [],
    });
    expect(unknownZone.success).toBe(false);
    expect(unknownZone.error?.issues[0]?.path).toEqual(['timeZone']);

    const reversed = availabilitySchema.safeParse({
      timeZone: 'Europe/Paris',
      slotMinutes: 30,
      weekly: [{ weekday: 1, start: '10:00', end: '09:00' }],
    });
    expect(reversed.error?.issues[0]?.path).toEqual(['weekly', 0, 'end']);

    const badTime = availabilitySchema.safeParse({
      timeZone: 'Europe/Paris',
      slotMinutes: 30,
      weekly: [{ weekday: 8, start: '25:00', end: '26:00' }],
    });
    expect(badTime.success).toBe(false);
  });
});
