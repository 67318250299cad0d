import { describe, expect, it } from 'vitest';
import { ECG_HZ, PLETH_HZ, WaveformSynth, detectRPeaks } from './waveform-synth';

const T0 = 1_800_000_000_000;

/** A minute of signal, produced as a stream of 40 ms blocks like the simulator sends. */
function minute(drive: Parameters<WaveformSynth['next']>[1], seed = 7) {
  const synth = new WaveformSynth(seed, T0);
  const ecg: number[] = [];
  const pleth: number[] = [];
  const resp: number[] = [];
  for (let i = 0; i < 1500; i += 1) {
    const block = synth.next(40, drive);
    ecg.push(...block.ecg.mV);
    pleth.push(...block.pleth.values);
    resp.push(...block.resp.values);
  }
  return { ecg, pleth, resp };
}

const intervals = (peaks: number[]) => peaks.slice(1).map((p, i) => p - peaks[i]!);
const coefficientOfVariation = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return sd / mean;
};

describe('waveform synthesis', () => {
  it.each([45, 75, 140])('ECG beats follow a heart rate of %d/min', (heartRate) => {
    const { ecg } = minute({ heartRate, respiratoryRate: 14 });
    expect(ecg).toHaveLength(60 * ECG_HZ);
    expect(Math.abs(detectRPeaks(ecg, ECG_HZ).length - heartRate)).toBeLessThanOrEqual(
      Math.ceil(heartRate * 0.04),
    );
  });

  it('is regular in sinus rhythm and irregularly irregular in AF, without P waves', () => {
    const sinus = detectRPeaks(minute({ heartRate: 110, respiratoryRate: 14 }).ecg, ECG_HZ);
    const af = detectRPeaks(minute({ heartRate: 110, respiratoryRate: 14, rhythm: 'af' }).ecg, ECG_HZ);
    expect(coefficientOfVariation(intervals(sinus))).toBeLessThan(0.05);
    expect(coefficientOfVariation(intervals(af))).toBeGreaterThan(0.1);
  });

  it('has one pulse in the plethysmograph per heartbeat', () => {
    const { ecg, pleth } = minute({ heartRate: 90, respiratoryRate: 14 });
    const beats = detectRPeaks(ecg, ECG_HZ).length;
    const pulses = detectRPeaks(pleth, PLETH_HZ, 0.5).length;
    expect(Math.abs(pulses - beats)).toBeLessThanOrEqual(1);
  });

  it('breathes at the respiratory rate', () => {
    const { resp } = minute({ heartRate: 80, respiratoryRate: 24 });
    let upward = 0;
    for (let i = 1; i < resp.length; i += 1) if (resp[i - 1]! < 0.5 && resp[i]! >= 0.5) upward += 1;
    expect(Math.abs(upward - 24)).toBeLessThanOrEqual(1);
  });

  it('draws a flat line while a lead is off', () => {
    const synth = new WaveformSynth(1, T0);
    expect(new Set(synth.next(1000, { heartRate: 80, respiratoryRate: 14, leadOff: true }).ecg.mV)).toEqual(
      new Set([0]),
    );
  });

  it('is deterministic for a seed, and blocks are contiguous', () => {
    const a = new WaveformSynth(42, T0);
    const b = new WaveformSynth(42, T0);
    const drive = { heartRate: 70, respiratoryRate: 12 };
    const first = a.next(40, drive);
    expect(b.next(40, drive)).toEqual(first);
    expect(a.next(40, drive).startAt).toBe(first.startAt + 40);
    expect(first.ecg.mV).toHaveLength(10);
  });
});
