import { describe, expect, it } from 'vitest';
import {
  news2,
  news2Band,
  scoreAirOrOxygen,
  scoreConsciousness,
  scoreHeartRate,
  scoreRespiratoryRate,
  scoreSpo2Scale1,
  scoreSpo2Scale2,
  scoreSystolic,
  scoreTemperature,
} from './news2';

// Every boundary of the RCP NEWS2 chart, both sides: [value, expected score].
describe('NEWS2 parameter scores (RCP 2017 chart 1)', () => {
  it.each([
    [0, 3],
    [8, 3],
    [9, 1],
    [11, 1],
    [12, 0],
    [20, 0],
    [21, 2],
    [24, 2],
    [25, 3],
    [60, 3],
  ])('respiration rate %d/min scores %d', (value, score) => expect(scoreRespiratoryRate(value)).toBe(score));

  it.each([
    [50, 3],
    [91, 3],
    [92, 2],
    [93, 2],
    [94, 1],
    [95, 1],
    [96, 0],
    [100, 0],
  ])('SpO2 scale 1: %d %% scores %d', (value, score) => expect(scoreSpo2Scale1(value)).toBe(score));

  it.each([
    [70, false, 3],
    [83, false, 3],
    [84, false, 2],
    [85, false, 2],
    [86, false, 1],
    [87, false, 1],
    [88, false, 0],
    [92, false, 0],
    [93, false, 0],
    [97, false, 0],
    [100, false, 0],
    [88, true, 0],
    [92, true, 0],
    [93, true, 1],
    [94, true, 1],
    [95, true, 2],
    [96, true, 2],
    [97, true, 3],
    [100, true, 3],
  ])('SpO2 scale 2: %d %% (oxygen: %s) scores %d', (value, oxygen, score) =>
    expect(scoreSpo2Scale2(value, oxygen)).toBe(score),
  );

  it('air scores 0, oxygen 2', () => {
    expect(scoreAirOrOxygen(false)).toBe(0);
    expect(scoreAirOrOxygen(true)).toBe(2);
  });

  it.each([
    [60, 3],
    [90, 3],
    [91, 2],
    [100, 2],
    [101, 1],
    [110, 1],
    [111, 0],
    [219, 0],
    [220, 3],
    [260, 3],
  ])('systolic %d mmHg scores %d', (value, score) => expect(scoreSystolic(value)).toBe(score));

  it.each([
    [30, 3],
    [40, 3],
    [41, 1],
    [50, 1],
    [51, 0],
    [90, 0],
    [91, 1],
    [110, 1],
    [111, 2],
    [130, 2],
    [131, 3],
    [180, 3],
  ])('pulse %d/min scores %d', (value, score) => expect(scoreHeartRate(value)).toBe(score));

  it.each([
    ['A', 0],
    ['C', 3],
    ['V', 3],
    ['P', 3],
    ['U', 3],
  ] as const)('consciousness %s scores %d', (level, score) => expect(scoreConsciousness(level)).toBe(score));

  it.each([
    [33, 3],
    [35.0, 3],
    [35.1, 1],
    [36.0, 1],
    [36.1, 0],
    [38.0, 0],
    [38.1, 1],
    [39.0, 1],
    [39.1, 2],
    [41, 2],
  ])('temperature %d °C scores %d', (value, score) => expect(scoreTemperature(value)).toBe(score));

  it('rounds as charted: 20.4/min is 20, 35.04 °C is 35.0', () => {
    expect(scoreRespiratoryRate(20.4)).toBe(0);
    expect(scoreRespiratoryRate(20.5)).toBe(2);
    expect(scoreTemperature(35.04)).toBe(3);
    expect(scoreTemperature(35.06)).toBe(1);
  });
});

describe('NEWS2 aggregate and response bands', () => {
  it.each([
    [0, false, 'low'],
    [4, false, 'low'],
    [3, true, 'low-medium'],
    [4, true, 'low-medium'],
    [5, false, 'medium'],
    [6, true, 'medium'],
    [7, false, 'high'],
    [20, true, 'high'],
  ] as const)('total %d (a single 3: %s) is %s', (total, three, band) =>
    expect(news2Band(total, three)).toBe(band),
  );

  const healthy = {
    respiratoryRate: 16,
    spo2: 98,
    onOxygen: false,
    systolic: 125,
    heartRate: 72,
    consciousness: 'A',
    temperature: 36.8,
  } as const;

  it('scores a healthy adult 0 (low), complete', () => {
    expect(news2(healthy)).toMatchObject({ total: 0, band: 'low', partial: false, missing: [] });
  });

  it('a single parameter scoring 3 raises the band to low-medium', () => {
    expect(news2({ ...healthy, consciousness: 'V' })).toMatchObject({ total: 3, band: 'low-medium' });
  });

  it('sums to medium and high', () => {
    // RR 22 (2) + SpO2 94 (1) + pulse 105 (1) + temp 38.5 (1) = 5
    expect(
      news2({ ...healthy, respiratoryRate: 22, spo2: 94, heartRate: 105, temperature: 38.5 }),
    ).toMatchObject({ total: 5, band: 'medium' });
    // + oxygen (2) = 7
    expect(
      news2({ ...healthy, respiratoryRate: 22, spo2: 94, heartRate: 105, temperature: 38.5, onOxygen: true }),
    ).toMatchObject({ total: 7, band: 'high' });
  });

  it('uses scale 2 when asked: 90 % on air scores 0 instead of 3', () => {
    expect(news2({ ...healthy, spo2: 90 }).scores.spo2).toBe(3);
    expect(news2({ ...healthy, spo2: 90, spo2Scale: 2 }).scores.spo2).toBe(0);
    expect(news2({ ...healthy, spo2: 98, spo2Scale: 2, onOxygen: true }).scores.spo2).toBe(3);
  });

  it('says when it is partial instead of treating missing values as normal', () => {
    const result = news2({ heartRate: 72, spo2: 98 });
    expect(result.partial).toBe(true);
    expect(result.missing).toEqual([
      'respiratoryRate',
      'airOrOxygen',
      'systolic',
      'consciousness',
      'temperature',
    ]);
  });
});
