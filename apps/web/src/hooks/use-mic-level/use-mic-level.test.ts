import { describe, expect, it } from 'vitest';
import { VOICE_LEVEL, rmsLevel } from './use-mic-level';

describe('rmsLevel', () => {
  it('is zero for silence and grows with the amplitude', () => {
    expect(rmsLevel(new Uint8Array(64).fill(128))).toBe(0);
    const quiet = Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 129 : 127));
    const loud = Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 200 : 56));
    expect(rmsLevel(quiet)).toBeLessThan(VOICE_LEVEL);
    expect(rmsLevel(loud)).toBeGreaterThan(0.5);
    expect(rmsLevel(new Uint8Array())).toBe(0);
  });
});
