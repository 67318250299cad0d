import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '@teleconsult/protocol';
import { formatEta } from './ambulance-eta';
import { trendPath } from './trend-paths';

describe('ambulance ETA', () => {
  it('counts down, then says due, then late', () => {
    expect(formatEta(425_000, 0)).toEqual({ text: 'in 7:05', state: 'en-route' });
    expect(formatEta(10_000, 0)).toEqual({ text: 'due now', state: 'due' });
    expect(formatEta(0, 200_000)).toEqual({ text: '3 min late', state: 'late' });
  });
});

describe('trend path', () => {
  const point = (minute: number, heartRate: number | null): TrendPoint => ({
    minute: new Date(minute * 60_000).toISOString(),
    heartRate,
    spo2: null,
    respiratoryRate: null,
    systolic: null,
    diastolic: null,
    temperature: null,
    news2: null,
  });

  it('places minutes on the time axis, clamps values and breaks the line at a missing minute', () => {
    const points = [point(0, 50), point(1, 100), point(2, null), point(3, 500), point(4, 100)];
    const d = trendPath(
      points,
      'heartRate',
      { from: 0, to: 4 * 60_000, min: 0, max: 200 },
      { width: 400, height: 100 },
    );
    expect(d).toBe('M0.0 75.0L100.0 50.0M300.0 0.0L400.0 50.0');
  });
});
