import { gaussian, seededRandom } from './prng';

export type Rhythm = 'sinus' | 'af';

/** What drives the waveforms for the next block: the bed's current numerics and state. */
export interface WaveformDrive {
  heartRate: number;
  respiratoryRate: number;
  /** Atrial fibrillation: no P waves, irregularly irregular beats, a fibrillatory baseline. */
  rhythm?: Rhythm;
  /** ECG leads off: a flat line (the numerics side raises the technical alarm). */
  leadOff?: boolean;
}

export interface WaveformBlock {
  /** Epoch ms of the first sample of every channel. */
  startAt: number;
  ecg: { sampleRateHz: number; mV: number[] };
  pleth: { sampleRateHz: number; values: number[] };
  resp: { sampleRateHz: number; values: number[] };
}

export const ECG_HZ = 250;
export const PLETH_HZ = 125;
export const RESP_HZ = 25;

/** One wave of the PQRST complex: a Gaussian bump at `at` seconds from the R peak. */
interface Wave {
  at: number;
  amplitude: number;
  width: number;
}

/** Lead II morphology (mV): P, Q, R, S, and T placed by the QT interval (Bazett-corrected). */
function complex(rrSeconds: number, rhythm: Rhythm): Wave[] {
  const qt = 0.4 * Math.sqrt(rrSeconds);
  const waves: Wave[] = [
    { at: -0.025, amplitude: -0.12, width: 0.01 },
    { at: 0, amplitude: 1.2, width: 0.011 },
    { at: 0.03, amplitude: -0.28, width: 0.012 },
    { at: qt - 0.12, amplitude: 0.32, width: 0.055 },
  ];
  if (rhythm === 'sinus') waves.unshift({ at: -0.17, amplitude: 0.14, width: 0.025 });
  return waves;
}

const bump = (t: number, wave: Wave) =>
  wave.amplitude * Math.exp(-((t - wave.at) ** 2) / (2 * wave.width ** 2));

/**
 * Synthetic but physiologically plausible waveforms for one bed: ECG lead II at 250 Hz whose beats
 * follow the heart rate (irregular in AF), a plethysmograph at 125 Hz whose pulses follow each beat
 * after the pulse transit time, and respiration at 25 Hz following the respiratory rate.
 * Deterministic for a seed; blocks are contiguous, so a stream of them is one continuous signal.
 */
export class WaveformSynth {
  private readonly random: () => number;
  /** Beat times (epoch ms of R peaks) already scheduled, oldest first. */
  private beats: number[] = [];
  private breathPhase = 0;
  private cursor: number;

  constructor(seed: number, startAt: number) {
    this.random = seededRandom(seed);
    this.cursor = startAt;
    this.beats.push(startAt + 300);
  }

  /** The next `durationMs` of every channel. */
  next(durationMs: number, drive: WaveformDrive): WaveformBlock {
    const startAt = this.cursor;
    const endAt = startAt + durationMs;
    const rhythm = drive.rhythm ?? 'sinus';
    this.scheduleBeats(endAt + 2_000, drive.heartRate, rhythm);
    const ecg: number[] = [];
    for (let i = 0; i < (durationMs * ECG_HZ) / 1000; i += 1) {
      const t = startAt + (i * 1000) / ECG_HZ;
      ecg.push(drive.leadOff ? 0 : this.ecgAt(t, rhythm));
    }
    const pleth: number[] = [];
    for (let i = 0; i < (durationMs * PLETH_HZ) / 1000; i += 1)
      pleth.push(this.plethAt(startAt + (i * 1000) / PLETH_HZ));
    const resp: number[] = [];
    const breathStep = (2 * Math.PI * (drive.respiratoryRate / 60)) / RESP_HZ;
    for (let i = 0; i < (durationMs * RESP_HZ) / 1000; i += 1) {
      this.breathPhase = (this.breathPhase + breathStep) % (2 * Math.PI);
      resp.push(round(0.5 - 0.5 * Math.cos(this.breathPhase) + 0.01 * gaussian(this.random)));
    }
    this.cursor = endAt;
    // Beats long gone no longer shape any sample.
    this.beats = this.beats.filter((beat) => beat > startAt - 3_000);
    return {
      startAt,
      ecg: { sampleRateHz: ECG_HZ, mV: ecg },
      pleth: { sampleRateHz: PLETH_HZ, values: pleth },
      resp: { sampleRateHz: RESP_HZ, values: resp },
    };
  }

  private scheduleBeats(until: number, heartRate: number, rhythm: Rhythm): void {
    const mean = 60_000 / Math.max(20, heartRate);
    while (this.beats[this.beats.length - 1]! < until) {
      // Sinus: ~2 % beat-to-beat variability; AF: irregularly irregular, ±25 % or so.
      const spread = rhythm === 'af' ? 0.25 : 0.02;
      const interval =
        mean * (1 + spread * (rhythm === 'af' ? this.random() * 2 - 1 : gaussian(this.random)));
      this.beats.push(this.beats[this.beats.length - 1]! + Math.max(250, interval));
    }
  }

  private ecgAt(t: number, rhythm: Rhythm): number {
    let value = 0.015 * gaussian(this.random);
    if (rhythm === 'af') value += 0.05 * Math.sin((2 * Math.PI * 6 * t) / 1000 + 3 * Math.sin(t / 900));
    for (let i = 0; i < this.beats.length; i += 1) {
      const beat = this.beats[i]!;
      const offset = (t - beat) / 1000;
      if (offset < -0.3 || offset > 0.6) continue;
      const rr = ((this.beats[i + 1] ?? beat + 800) - beat) / 1000;
      for (const wave of complex(rr, rhythm)) value += bump(offset, wave);
    }
    return round(value);
  }

  /** Pulse arrives ~200 ms after the R peak: a fast upstroke, a dicrotic notch and a slower decay. */
  private plethAt(t: number): number {
    let value = 0;
    for (const beat of this.beats) {
      const offset = (t - beat - 200) / 1000;
      if (offset < -0.1 || offset > 0.8) continue;
      value +=
        Math.exp(-((offset - 0.1) ** 2) / (2 * 0.045 ** 2)) +
        0.35 * Math.exp(-((offset - 0.32) ** 2) / (2 * 0.06 ** 2));
    }
    return round(value);
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** R peaks found in an ECG trace: local maxima above a threshold, at least 200 ms apart (indices). */
export function detectRPeaks(mV: number[], sampleRateHz: number, threshold = 0.6): number[] {
  const refractory = Math.round(0.2 * sampleRateHz);
  const peaks: number[] = [];
  for (let i = 1; i < mV.length - 1; i += 1) {
    if (mV[i]! < threshold || mV[i]! < mV[i - 1]! || mV[i]! < mV[i + 1]!) continue;
    if (peaks.length > 0 && i - peaks[peaks.length - 1]! < refractory) continue;
    peaks.push(i);
  }
  return peaks;
}
