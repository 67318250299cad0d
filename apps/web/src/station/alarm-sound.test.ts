import { describe, expect, it } from 'vitest';
import type { Alarm } from '@teleconsult/clinical';
import { type BedAlarm, SILENT, type SoundState, nextSound, pulseOffsets } from './alarm-sound';

const alarm = (priority: Alarm['priority'], extra: Partial<Alarm> = {}, bedId = 'b1'): BedAlarm => ({
  bedId,
  alarm: {
    key: `k-${priority}`,
    kind: 'clinical',
    priority,
    message: priority,
    raisedAt: 1,
    escalated: false,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedUntil: null,
    ...extra,
  },
});

/** Runs the scheduler every 250 ms from `from` to `to` and returns when bursts sounded. */
function run(alarms: (now: number) => BedAlarm[], from: number, to: number, state: SoundState = SILENT) {
  const bursts: Array<{ at: number; priority: string; pulses: number }> = [];
  const stops: number[] = [];
  for (let now = from; now <= to; now += 250) {
    const next = nextSound(alarms(now), now, state);
    state = next.state;
    if (next.stop) stops.push(now);
    if (next.burst) bursts.push({ at: now, ...next.burst });
  }
  return { bursts, stops, state };
}

describe('alarm sound scheduler', () => {
  it('repeats a high burst of 10 pulses every 5 s and a medium burst of 3 every 15 s', () => {
    expect(run(() => [alarm('high')], 0, 12_000).bursts).toEqual([
      { at: 0, priority: 'high', pulses: 10 },
      { at: 5_000, priority: 'high', pulses: 10 },
      { at: 10_000, priority: 'high', pulses: 10 },
    ]);
    expect(run(() => [alarm('medium')], 0, 31_000).bursts.map((b) => [b.at, b.pulses])).toEqual([
      [0, 3],
      [15_000, 3],
      [30_000, 3],
    ]);
  });

  it('gives a low alarm one pulse, once', () => {
    expect(run(() => [alarm('low')], 0, 60_000).bursts).toEqual([{ at: 0, priority: 'low', pulses: 1 }]);
  });

  it('sounds only the highest priority and a rise in priority at once', () => {
    const { bursts } = run(
      (now) => (now < 2_000 ? [alarm('medium')] : [alarm('medium'), alarm('high')]),
      0,
      4_000,
    );
    expect(bursts.map((b) => [b.at, b.priority])).toEqual([
      [0, 'medium'],
      [2_000, 'high'],
    ]);
  });

  it('stops when acknowledged and stays quiet while silenced, then sounds again', () => {
    const acked = run(
      (now) => [alarm('high', now >= 1_000 ? { acknowledgedAt: 1_000, acknowledgedBy: 'dr' } : {})],
      0,
      20_000,
    );
    expect(acked.bursts.map((b) => b.at)).toEqual([0]);
    expect(acked.stops).toEqual([1_000]);

    const silenced = run(() => [alarm('high', { silencedUntil: 8_000 })], 0, 9_000);
    expect(silenced.bursts.map((b) => b.at)).toEqual([8_000]);
  });

  it('cuts a high burst short when only a medium alarm remains, and keeps the medium rhythm from then', () => {
    const { bursts, stops } = run(
      (now) => [alarm('medium', {}, 'b2'), ...(now < 3_000 ? [alarm('high')] : [])],
      0,
      20_000,
    );
    expect(stops).toEqual([3_000]);
    expect(bursts.map((b) => [b.at, b.priority])).toEqual([
      [0, 'high'],
      [15_000, 'medium'],
    ]);
  });

  it('spaces the pulses of a burst: high in groups of 3 and 2', () => {
    const high = pulseOffsets({ priority: 'high', pulses: 10 });
    expect(high).toHaveLength(10);
    const gaps = high.slice(1).map((t, i) => Number((t - high[i]!).toFixed(3)));
    expect(gaps[2]).toBeGreaterThan(gaps[0]!);
    expect(gaps[4]).toBeGreaterThan(gaps[2]!);
    expect(pulseOffsets({ priority: 'medium', pulses: 3 })).toHaveLength(3);
  });
});
