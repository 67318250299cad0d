import { describe, expect, it } from 'vitest';
import { dayRange, localTime } from './schedule-format';

describe('schedule formatting', () => {
  it('shows an instant in the zone asked for', () => {
    expect(localTime('2026-07-01T08:00:00Z', 'Europe/London')).toMatch(/09[:.]00/);
    expect(localTime('2026-01-01T08:00:00Z', 'Europe/London')).toMatch(/08[:.]00/);
  });

  it('spans one local day', () => {
    const [start, end] = dayRange(new Date(2026, 10, 24, 15, 30));
    expect(start.getHours()).toBe(0);
    expect(end.getTime() - start.getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(end.getDate()).toBe(25);
  });
});
