import type { Consciousness, Rhythm } from '@teleconsult/clinical';

export const SCENARIO_NAMES = [
  'stable',
  'sepsis',
  'desaturation',
  'tachyarrhythmia',
  'lead-off',
  'link-drop',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioOptions {
  name: ScenarioName;
  /** Same seed, same patient: baseline, noise and timing replay exactly. */
  seed: number;
  /** Scenario seconds per real second (1 = real time; 60 runs the 20-minute sepsis in 20 s). */
  scale?: number;
  /** Scenario seconds of baseline before the event starts (defaults per scenario, see DEFAULT_DELAY_S). */
  delaySeconds?: number;
  /** lead-off and link-drop: scenario seconds the event lasts before it resolves. */
  durationSeconds?: number;
}

/** Where the script is: before the event, during it, or after a transient event has resolved. */
export type ScenarioPhase = 'baseline' | 'event' | 'resolved';

/** Everything the bed shows at one instant: the monitor's numerics and what drives its waveforms. */
export interface BedState {
  heartRate: number;
  spo2: number;
  respiratoryRate: number;
  systolic: number;
  diastolic: number;
  temperature: number;
  consciousness: Consciousness;
  onOxygen: boolean;
  /** ECG leads off: the ECG is a flat line and the heart rate from it is meaningless. */
  leadOff: boolean;
  rhythm: Rhythm;
  /** false while the bed's network link is down (link-drop). */
  linkUp: boolean;
  phase: ScenarioPhase;
  /** Scenario seconds since the event started (negative before it). */
  eventSeconds: number;
}

/** Baseline before the event, per scenario: enough for a station to see a normal bed first. */
export const DEFAULT_DELAY_S: Record<ScenarioName, number> = {
  stable: 0,
  sepsis: 0,
  desaturation: 60,
  tachyarrhythmia: 90,
  'lead-off': 45,
  'link-drop': 120,
};

export const DEFAULT_DURATION_S: Partial<Record<ScenarioName, number>> = {
  'lead-off': 60,
  'link-drop': 30,
};

/** The scripted timings the tests and benchmarks rely on, in scenario seconds after the event starts. */
export const SCENARIO_TIMINGS = {
  /** Sepsis reaches its worst over this long, then stays there. */
  sepsisSeconds: 1_200,
  /** Sepsis: new confusion from this fraction of the deterioration on. */
  sepsisConfusionFrom: 0.85,
  /** Desaturation: SpO2 passes 85 % here on the way down... */
  desaturationSpo2At85: 20,
  /** ...and reaches its nadir here. */
  desaturationNadirAt: 30,
  desaturationNadir: 78,
  /** Tachyarrhythmia: AF from the first second, the rate at ~160/min within this long. */
  afOnsetSeconds: 5,
  afRate: 160,
} as const;
