import { artefactsOf, news2, vitalSampleSchema } from '@teleconsult/clinical';
import { describe, expect, it } from 'vitest';
import { runScenario, toVitalSample } from './run-scenario';
import { type BedState, SCENARIO_NAMES, SCENARIO_TIMINGS, type ScenarioOptions } from './scenario-types';

/** The bed sampled every `stepMs` of real time for `durationMs`. */
function trace(options: ScenarioOptions, durationMs: number, stepMs: number) {
  const states: { ms: number; state: BedState }[] = [];
  for (let ms = 0; ms <= durationMs; ms += stepMs) states.push({ ms, state: runScenario(options, ms) });
  return states;
}

const score = (state: BedState) => news2(state).total;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('scenario engine', () => {
  it.each(SCENARIO_NAMES.flatMap((name) => [1, 2, 3, 42, 99_999].map((seed) => [name, seed] as const)))(
    '%s (seed %d): every sample is valid and plausible for 30 minutes',
    (name, seed) => {
      for (const { ms, state } of trace({ name, seed }, 30 * 60_000, 1_000)) {
        const sample = toVitalSample(state, 'bed-1', 1_800_000_000_000 + ms);
        expect(vitalSampleSchema.safeParse(sample).success).toBe(true);
        // Only a lead-off may make a value an artefact (its heart rate).
        expect(artefactsOf(sample)).toEqual(state.leadOff ? ['heartRate'] : []);
        expect(state.heartRate).toBeGreaterThanOrEqual(40);
        expect(state.heartRate).toBeLessThanOrEqual(190);
        expect(state.spo2).toBeGreaterThanOrEqual(74);
        expect(state.spo2).toBeLessThanOrEqual(100);
        expect(state.respiratoryRate).toBeGreaterThanOrEqual(8);
        expect(state.respiratoryRate).toBeLessThanOrEqual(36);
        expect(state.systolic).toBeGreaterThanOrEqual(80);
        expect(state.systolic).toBeLessThanOrEqual(145);
        expect(state.systolic - state.diastolic).toBeGreaterThanOrEqual(10);
        expect(state.temperature).toBeGreaterThanOrEqual(36);
        expect(state.temperature).toBeLessThanOrEqual(39.5);
      }
    },
  );

  it('a stable patient scores NEWS2 0 nearly always and never more than 2', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const scores = trace({ name: 'stable', seed }, 60 * 60_000, 5_000).map(({ state }) => score(state));
      expect(Math.max(...scores)).toBeLessThanOrEqual(2);
      expect(scores.filter((s) => s === 0).length / scores.length).toBeGreaterThan(0.9);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = trace({ name: 'sepsis', seed: 7 }, 120_000, 250);
    const b = trace({ name: 'sepsis', seed: 7 }, 120_000, 250);
    const c = trace({ name: 'sepsis', seed: 8 }, 120_000, 250);
    expect(b).toEqual(a);
    expect(c.map((x) => x.state.heartRate)).not.toEqual(a.map((x) => x.state.heartRate));
    // Sampling order does not matter: the state is a function of time.
    expect(runScenario({ name: 'sepsis', seed: 7 }, 60_000)).toEqual(a[240]!.state);
  });

  describe('sepsis', () => {
    it.each([1, 2, 3, 42, 2026])(
      'seed %d: NEWS2 rises through 5, then 7, to a high score in ~20 min',
      (seed) => {
        const states = trace({ name: 'sepsis', seed }, 25 * 60_000, 5_000);
        const scores = states.map(({ state }) => score(state));
        const first5 = scores.findIndex((s) => s >= 5);
        const first7 = scores.findIndex((s) => s >= 7);
        expect(scores[0]).toBeLessThanOrEqual(1);
        expect(first5).toBeGreaterThan(0);
        expect(first7).toBeGreaterThan(first5);
        // Both between 5 and 20 minutes in.
        expect(states[first5]!.ms).toBeGreaterThan(5 * 60_000);
        expect(states[first7]!.ms).toBeLessThan(20 * 60_000);
        // Monotonic-ish: per-minute medians never fall by more than a point (noise at a band edge).
        const perMinute: number[] = [];
        for (let i = 0; i + 12 <= scores.length; i += 12) perMinute.push(median(scores.slice(i, i + 12)));
        perMinute.forEach((m, i) =>
          expect(m).toBeGreaterThanOrEqual(Math.max(...perMinute.slice(0, i + 1)) - 1),
        );
        const last = states[states.length - 1]!.state;
        expect(score(last)).toBeGreaterThanOrEqual(12);
        expect(last.heartRate).toBeGreaterThanOrEqual(118);
        expect(last.respiratoryRate).toBeGreaterThanOrEqual(26);
        expect(last.systolic).toBeLessThanOrEqual(94);
        expect(last.temperature).toBeGreaterThanOrEqual(38.6);
        expect(last.spo2).toBeLessThanOrEqual(93);
        expect(last.consciousness).toBe('C');
        expect(states.find(({ ms }) => ms === 10 * 60_000)!.state.consciousness).toBe('A');
      },
    );

    it('runs in seconds at a time scale of 60', () => {
      const states = trace({ name: 'sepsis', seed: 5, scale: 60 }, 25_000, 100);
      const first7 = states.find(({ state }) => score(state) >= 7)!;
      expect(first7.ms).toBeGreaterThan(8_000);
      expect(first7.ms).toBeLessThan(20_000);
      expect(score(states[states.length - 1]!.state)).toBeGreaterThanOrEqual(12);
    });
  });

  describe('desaturation', () => {
    it.each([1, 2, 3, 42, 2026])(
      'seed %d: SpO2 falls below 85 %% about 20 s after the delay, to ~78 %%',
      (seed) => {
        const delaySeconds = 30;
        const states = trace({ name: 'desaturation', seed, delaySeconds }, 120_000, 100);
        expect(
          states.filter(({ ms }) => ms < delaySeconds * 1000).every(({ state }) => state.spo2 >= 94),
        ).toBe(true);
        const below85 = states.find(({ state }) => state.spo2 < 85)!;
        const at = below85.ms / 1000 - delaySeconds;
        expect(at).toBeGreaterThanOrEqual(SCENARIO_TIMINGS.desaturationSpo2At85 - 1);
        expect(at).toBeLessThanOrEqual(SCENARIO_TIMINGS.desaturationSpo2At85 + 3);
        const nadir = states
          .filter(({ ms }) => ms >= (delaySeconds + 32) * 1000)
          .map(({ state }) => state.spo2);
        expect(Math.max(...nadir)).toBeLessThanOrEqual(80);
        expect(Math.min(...nadir)).toBeGreaterThanOrEqual(75);
        expect(states[states.length - 1]!.state.respiratoryRate).toBeGreaterThanOrEqual(27);
      },
    );

    it('the delay and the drop follow the time scale', () => {
      const states = trace({ name: 'desaturation', seed: 1, delaySeconds: 60, scale: 10 }, 20_000, 50);
      const at = states.find(({ state }) => state.spo2 < 85)!.ms;
      expect(at).toBeGreaterThanOrEqual(7_900);
      expect(at).toBeLessThanOrEqual(8_300);
    });
  });

  it('tachyarrhythmia: new AF at ~160/min after the delay', () => {
    const states = trace({ name: 'tachyarrhythmia', seed: 3, delaySeconds: 10 }, 120_000, 500);
    for (const { ms, state } of states) {
      expect(state.rhythm).toBe(ms < 10_000 ? 'sinus' : 'af');
      if (ms < 10_000) expect(state.heartRate).toBeLessThan(95);
    }
    const rates = states.filter(({ ms }) => ms >= 16_000).map(({ state }) => state.heartRate);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(mean).toBeGreaterThan(150);
    expect(mean).toBeLessThan(170);
    // Irregular: the displayed rate wanders more than in sinus rhythm.
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(10);
    expect(states.find(({ ms }) => ms >= 16_000 && ms < 17_000)!.state.heartRate).toBeGreaterThan(120);
  });

  it('lead-off: leads off for the scripted duration, then back on', () => {
    const options: ScenarioOptions = { name: 'lead-off', seed: 1, delaySeconds: 10, durationSeconds: 20 };
    expect(runScenario(options, 9_900)).toMatchObject({ leadOff: false, phase: 'baseline' });
    expect(runScenario(options, 10_000)).toMatchObject({ leadOff: true, phase: 'event' });
    expect(runScenario(options, 29_900)).toMatchObject({ leadOff: true, phase: 'event' });
    expect(runScenario(options, 30_000)).toMatchObject({ leadOff: false, phase: 'resolved' });
  });

  it('link-drop: the link is down for the scripted duration, then up', () => {
    const options: ScenarioOptions = {
      name: 'link-drop',
      seed: 1,
      delaySeconds: 5,
      durationSeconds: 10,
      scale: 2,
    };
    expect(runScenario(options, 2_400).linkUp).toBe(true);
    expect(runScenario(options, 2_500).linkUp).toBe(false);
    expect(runScenario(options, 7_400).linkUp).toBe(false);
    expect(runScenario(options, 7_500).linkUp).toBe(true);
  });

  it('rejects nonsense options naming them', () => {
    expect(() => runScenario({ name: 'stable', seed: 1, scale: 0 }, 0)).toThrow(/scale/);
    expect(() => runScenario({ name: 'stable', seed: 1.5 }, 0)).toThrow(/seed/);
    expect(() => runScenario({ name: 'stable', seed: 1, delaySeconds: -1 }, 0)).toThrow(/delaySeconds/);
    expect(() => runScenario({ name: 'stable', seed: 1 }, Number.NaN)).toThrow(/elapsedMs/);
  });
});
