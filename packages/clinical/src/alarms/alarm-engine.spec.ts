import { describe, expect, it } from 'vitest';
import { vitalSampleSchema } from '../vitals/vital-sample';
import {
  acknowledge,
  conditionsOf,
  emptyBedAlarmState,
  onSample,
  onTick,
  restoredBedAlarmState,
  silence,
  sortedAlarms,
} from './alarm-engine';
import { DEFAULT_ALARM_CONFIG } from './alarm-types';

const normal = {
  bedId: 'icu-3',
  heartRate: 78,
  spo2: 97,
  respiratoryRate: 15,
  systolic: 124,
  diastolic: 76,
  temperature: 36.9,
  consciousness: 'A',
  onOxygen: false,
} as const;
const sample = (at: number, values: Record<string, unknown> = {}) =>
  vitalSampleSchema.parse({ ...normal, at, ...values });
const T0 = 1_800_000_000_000;

/** Feeds samples one per second and collects every event. */
function run(values: Array<Record<string, unknown>>, start = emptyBedAlarmState()) {
  let state = start;
  const events = [];
  for (const [i, v] of values.entries()) {
    const step = onSample(state, sample(T0 + i * 1000, v), T0 + i * 1000);
    state = step.state;
    events.push(...step.events);
  }
  return { state, events };
}

describe('alarm engine', () => {
  it('stays quiet for a normal patient', () => {
    expect(run(Array.from({ length: 10 }, () => ({}))).events).toEqual([]);
  });

  it('raises a condition only after it lasts the onset delay, and clears it when it is gone', () => {
    const low = { spo2: 84 };
    const { events, state } = run([low, low, low, low, low, low, {}]);
    expect(events.map((e) => [e.type, e.alarm.key, e.alarm.priority])).toEqual([
      ['raised', 'spo2', 'high'],
      // SpO2 84 % scores 3 on NEWS2 scale 1: a single 3 is the low-medium band.
      ['raised', 'news2', 'low'],
      ['cleared', 'spo2', 'high'],
      ['cleared', 'news2', 'low'],
    ]);
    expect(events[0]!.alarm.raisedAt).toBe(T0 + DEFAULT_ALARM_CONFIG.onsetDelayMs);
    expect(state.active).toEqual({});
  });

  it('ignores a one-sample blip', () => {
    expect(run([{}, { heartRate: 35 }, {}, {}, {}, {}, {}]).events).toEqual([]);
  });

  it('never raises a clinical alarm from an artefact; flags the sensor instead', () => {
    const conditions = conditionsOf(sample(T0, { heartRate: 320, spo2: 20 }));
    expect(conditions.map((c) => c.key)).toEqual(['tech.artefact']);
    expect(conditions[0]!.kind).toBe('technical');
  });

  it('raises lead-off at once as a technical alarm, without a heart-rate alarm', () => {
    const { events } = run([{ leadOff: true, heartRate: 0 + 300 }]);
    expect(events.map((e) => e.alarm.key)).toEqual(['tech.leadOff']);
  });

  it('scores NEWS2 and alarms on the medium and high bands', () => {
    const septic = { heartRate: 118, respiratoryRate: 26, systolic: 98, temperature: 39.3, spo2: 93 };
    const keys = conditionsOf(sample(T0, septic)).map((c) => [c.key, c.priority]);
    expect(keys).toContainEqual(['news2', 'high']);
  });

  it('raises a lost link within the timeout and clears it when samples return', () => {
    let { state } = run([{}]);
    const lastAt = T0;
    expect(onTick(state, lastAt + DEFAULT_ALARM_CONFIG.linkTimeoutMs - 1).events).toEqual([]);
    const tick = onTick(state, lastAt + DEFAULT_ALARM_CONFIG.linkTimeoutMs);
    expect(tick.events.map((e) => [e.type, e.alarm.key, e.alarm.priority])).toEqual([
      ['raised', 'tech.linkLost', 'high'],
    ]);
    state = tick.state;
    const back = onSample(state, sample(lastAt + 9_000), lastAt + 9_000);
    expect(back.events.map((e) => [e.type, e.alarm.key])).toEqual([['cleared', 'tech.linkLost']]);
  });

  it('escalates an unacknowledged alarm one priority, and not an acknowledged one', () => {
    const high = { heartRate: 125 }; // medium band
    const { state } = run(Array.from({ length: 6 }, () => high));
    const raisedAt = state.active.heartRate!.raisedAt;
    expect(state.active.heartRate!.priority).toBe('medium');
    const later = raisedAt + DEFAULT_ALARM_CONFIG.escalateAfterMs;
    // Keep the bed's link alive so only escalation happens.
    const alive = { ...state, lastSampleAt: later };
    const escalated = onTick(alive, later);
    expect(escalated.events.map((e) => [e.type, e.alarm.priority, e.alarm.escalated])).toEqual([
      ['escalated', 'high', true],
    ]);
    const acked = acknowledge(alive, 'heartRate', 'dr.ada', raisedAt + 1000);
    expect(acked.events[0]).toMatchObject({ type: 'acknowledged', alarm: { acknowledgedBy: 'dr.ada' } });
    expect(onTick(acked.state, later).events).toEqual([]);
  });

  it('silences the sound for a while but keeps the alarm, most urgent first', () => {
    const { state } = run(Array.from({ length: 6 }, () => ({ heartRate: 125, spo2: 84 })));
    const silenced = silence(state, 'spo2', T0 + 6000);
    expect(silenced.state.active.spo2!.silencedUntil).toBe(T0 + 6000 + DEFAULT_ALARM_CONFIG.silenceMs);
    const ranks = sortedAlarms(silenced.state).map((a) => ({ high: 3, medium: 2, low: 1 })[a.priority]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(sortedAlarms(silenced.state)[0]).toMatchObject({ key: 'spo2', priority: 'high' });
  });

  it('after a restart keeps open alarms (acknowledged stays acknowledged) and expects data again', () => {
    const { state } = run(Array.from({ length: 6 }, () => ({ heartRate: 125 })));
    const acked = acknowledge(state, 'heartRate', 'dr.ada', T0 + 6000).state;
    const restartAt = T0 + 60_000;
    const restored = restoredBedAlarmState(Object.values(acked.active), restartAt);
    expect(restored.active.heartRate).toMatchObject({ acknowledgedBy: 'dr.ada', priority: 'medium' });

    // The condition persists: no second alarm, no new sound.
    const still = onSample(restored, sample(restartAt + 1000, { heartRate: 125 }), restartAt + 1000);
    expect(still.events).toEqual([]);
    expect(still.state.active.heartRate!.raisedAt).toBe(acked.active.heartRate!.raisedAt);
    // It goes away: cleared as usual.
    const gone = onSample(still.state, sample(restartAt + 2000), restartAt + 2000);
    expect(gone.events.map((e) => [e.type, e.alarm.key])).toEqual([['cleared', 'heartRate']]);

    // A bedside that never comes back after the restart is reported within the link timeout.
    const silent = onTick(restored, restartAt + DEFAULT_ALARM_CONFIG.linkTimeoutMs);
    expect(silent.events.map((e) => [e.type, e.alarm.key])).toEqual([['raised', 'tech.linkLost']]);
  });
});
