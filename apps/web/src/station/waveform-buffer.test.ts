import { describe, expect, it } from 'vitest';
import { WaveformBuffer } from './waveform-buffer';

describe('WaveformBuffer', () => {
  it('writes contiguous blocks in order and wraps around', () => {
    const buffer = new WaveformBuffer(10, 1); // 10 samples
    expect(buffer.push(0, [1, 2, 3, 4, 5, 6])).toBe('written');
    expect(buffer.push(600, [7, 8, 9, 10, 11, 12])).toBe('written');
    expect(Array.from(buffer.samples)).toEqual([11, 12, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(buffer.writeIndex).toBe(2);
  });

  it('leaves a gap for a missing block instead of squeezing time', () => {
    const buffer = new WaveformBuffer(10, 2);
    buffer.push(0, [1, 1, 1]);
    buffer.push(500, [2, 2]); // 300 ms → 500 ms missing: two samples of gap
    expect(Array.from(buffer.samples.slice(0, 7)).map((v) => (Number.isNaN(v) ? null : v))).toEqual([
      1,
      1,
      1,
      null,
      null,
      2,
      2,
    ]);
  });

  it('drops a block that arrives after newer data (a late sample is worthless)', () => {
    const buffer = new WaveformBuffer(10, 1);
    buffer.push(0, [1, 2, 3]);
    expect(buffer.push(100, [9])).toBe('late');
    expect(buffer.writeIndex).toBe(3);
  });

  it('keeps sweeping over a gap while the link is down', () => {
    const buffer = new WaveformBuffer(10, 1);
    buffer.push(0, [1, 2]);
    buffer.advanceTo(700);
    expect(buffer.writeIndex).toBe(7);
    expect(Number.isNaN(buffer.samples[6]!)).toBe(true);
    expect(buffer.push(700, [5])).toBe('written');
    expect(buffer.samples[7]).toBe(5);
  });
});
