import { seededRandom, type VitalSample } from '@teleconsult/clinical';
import {
  type BedState,
  DEFAULT_DELAY_S,
  DEFAULT_DURATION_S,
  type ScenarioOptions,
  SCENARIO_TIMINGS as T,
} from './scenario-types';
import { smoothNoise } from './smooth-noise';

/** The six numerics a monitor shows, before rounding. */
export interface Numerics {
  heartRate: number;
  spo2: number;
  respiratoryRate: number;
  systolic: number;
  diastolic: number;
  temperature: number;
}
type Channel = keyof Numerics;
const CHANNELS: Channel[] = ['heartRate', 'spo2', 'respiratoryRate', 'systolic', 'diastolic', 'temperature'];

/**
 * Standard deviations of the slow drift (20 s knots) and the beat-to-beat jitter (2 s knots): small
 * enough that a stable adult scores NEWS2 0 and a scripted crossing lands within a second or two.
 */
const NOISE: Record<Channel, { slow: number; fast: number }> = {
  heartRate: { slow: 1.5, fast: 0.8 },
  spo2: { slow: 0.35, fast: 0.25 },
  respiratoryRate: { slow: 0.6, fast: 0.4 },
  systolic: { slow: 2.5, fast: 1.2 },
  diastolic: { slow: 1.5, fast: 0.8 },
  temperature: { slow: 0.04, fast: 0 },
};

/** AF: an irregularly irregular ventricular response, so the displayed rate wanders much more. */
const AF_RATE_JITTER = 6;

/** A healthy adult at rest, drawn from the seed: every value scores 0 in NEWS2. */
export function patientBaseline(seed: number): Numerics {
  const random = seededRandom(seed ^ 0x5eed_ba5e);
  return {
    heartRate: 64 + 16 * random(),
    spo2: 96.5 + 2 * random(),
    respiratoryRate: 13 + 4 * random(),
    systolic: 115 + 17 * random(),
    diastolic: 68 + 10 * random(),
    temperature: 36.5 + 0.6 * random(),
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const lerp = (from: number, to: number, f: number) => from + (to - from) * f;
/** 0 before x0, 1 after x1, an S-curve between: deterioration starts and settles gently. */
const ramp = (x: number, x0: number, x1: number) => {
  const f = clamp01((x - x0) / (x1 - x0));
  return f * f * (3 - 2 * f);
};

function checkOptions(options: ScenarioOptions, elapsedMs: number): void {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError('scale: a positive number');
  if (!Number.isFinite(elapsedMs) || elapsedMs < 0) throw new RangeError('elapsedMs: a non-negative number');
  if (!Number.isInteger(options.seed)) throw new RangeError('seed: an integer');
  for (const key of ['delaySeconds', 'durationSeconds'] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0))
      throw new RangeError(`${key}: a non-negative number`);
  }
}

/**
 * The bed's state `elapsedMs` real milliseconds after the scenario started: a pure function of its
 * options and the time, so a bed can be sampled at any rate and replays exactly for a seed. The
 * script runs on scenario time (elapsed × scale, delay and duration included); the noise on real
 * time, so a fast-forwarded bed still looks like a monitor rather than a flickering one.
 */
export function runScenario(options: ScenarioOptions, elapsedMs: number): BedState {
  checkOptions(options, elapsedMs);
  const { name, seed } = options;
  const scale = options.scale ?? 1;
  const delay = options.delaySeconds ?? DEFAULT_DELAY_S[name];
  const duration = options.durationSeconds ?? DEFAULT_DURATION_S[name] ?? Infinity;
  const s = (elapsedMs * scale) / 1000 - delay;
  const base = patientBaseline(seed);
  const v: Numerics = { ...base };
  const state: Omit<BedState, keyof Numerics> = {
    consciousness: 'A',
    onOxygen: false,
    leadOff: false,
    rhythm: 'sinus',
    linkUp: true,
    phase: name === 'stable' || s < 0 ? 'baseline' : s < duration ? 'event' : 'resolved',
    eventSeconds: s,
  };

  if (state.phase !== 'baseline') {
    switch (name) {
      case 'sepsis': {
        // Fever and tachycardia first, then tachypnoea, then hypotension, hypoxaemia and confusion.
        // End points sit clear of NEWS2 band edges so the noise does not flicker the score there.
        const f = s / T.sepsisSeconds;
        v.temperature = lerp(base.temperature, 38.8, ramp(f, 0, 0.5));
        v.heartRate = lerp(base.heartRate, 125, ramp(f, 0.05, 0.8));
        v.respiratoryRate = lerp(base.respiratoryRate, 28, ramp(f, 0.15, 0.9));
        v.systolic = lerp(base.systolic, 87, ramp(f, 0.3, 1));
        v.diastolic = lerp(base.diastolic, 50, ramp(f, 0.3, 1));
        v.spo2 = lerp(base.spo2, 90, ramp(f, 0.4, 1));
        if (f >= T.sepsisConfusionFrom) state.consciousness = 'C';
        break;
      }
      case 'desaturation': {
        // Linear through 85 % at a known time, so a benchmark knows when the alarm condition starts.
        v.spo2 =
          s <= T.desaturationSpo2At85
            ? lerp(base.spo2, 85, s / T.desaturationSpo2At85)
            : lerp(
                85,
                T.desaturationNadir,
                clamp01((s - T.desaturationSpo2At85) / (T.desaturationNadirAt - T.desaturationSpo2At85)),
              );
        v.respiratoryRate = lerp(base.respiratoryRate, 30, ramp(s, 0, 40));
        v.heartRate = lerp(base.heartRate, base.heartRate + 30, ramp(s, 5, 60));
        break;
      }
      case 'tachyarrhythmia': {
        state.rhythm = 'af';
        v.heartRate = lerp(base.heartRate, T.afRate, clamp01(s / T.afOnsetSeconds));
        // Losing the atrial kick costs some pressure; the patient breathes a little faster.
        v.systolic = lerp(base.systolic, base.systolic - 18, ramp(s, 0, 60));
        v.diastolic = lerp(base.diastolic, base.diastolic - 8, ramp(s, 0, 60));
        v.respiratoryRate = lerp(base.respiratoryRate, base.respiratoryRate + 4, ramp(s, 0, 60));
        break;
      }
      case 'lead-off':
        state.leadOff = state.phase === 'event';
        break;
      case 'link-drop':
        state.linkUp = state.phase !== 'event';
        break;
      case 'stable':
        break;
    }
  }

  CHANNELS.forEach((channel, index) => {
    const { slow, fast } = NOISE[channel];
    v[channel] +=
      slow * smoothNoise(seed, index, elapsedMs, 20_000) +
      fast * smoothNoise(seed, index + 16, elapsedMs, 2_000);
  });
  if (state.rhythm === 'af') v.heartRate += AF_RATE_JITTER * smoothNoise(seed, 32, elapsedMs, 1_000);

  const systolic = Math.round(Math.min(250, Math.max(50, v.systolic)));
  return {
    heartRate: Math.round(Math.min(250, Math.max(25, v.heartRate))),
    spo2: Math.round(Math.min(100, Math.max(50, v.spo2))),
    respiratoryRate: Math.round(Math.min(60, Math.max(4, v.respiratoryRate))),
    systolic,
    // A pulse pressure of at least 10 mmHg: the api rejects systolic <= diastolic.
    diastolic: Math.round(Math.min(systolic - 10, Math.max(25, v.diastolic))),
    temperature: Math.round(Math.min(42, Math.max(34, v.temperature)) * 10) / 10,
    ...state,
  };
}

/** The bed's state as the monitor reports it over `vitals:report`. */
export function toVitalSample(state: BedState, bedId: string, at: number): VitalSample {
  return {
    bedId,
    at,
    heartRate: state.heartRate,
    spo2: state.spo2,
    respiratoryRate: state.respiratoryRate,
    systolic: state.systolic,
    diastolic: state.diastolic,
    temperature: state.temperature,
    consciousness: state.consciousness,
    onOxygen: state.onOxygen,
    leadOff: state.leadOff,
  };
}
