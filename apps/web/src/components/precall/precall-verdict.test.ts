import { describe, expect, it } from 'vitest';
import type { DeviceCheck } from '@teleconsult/protocol';
import { clinicianSummary, median, networkFinding, summarise, uplinkKbps } from './precall-verdict';

const good: DeviceCheck = {
  camera: 'ok',
  microphone: 'ok',
  speaker: 'heard',
  network: { rttMs: 40, uplinkKbps: 3000 },
};

describe('pre-call verdicts', () => {
  it('takes the median of pings, odd and even', () => {
    expect(median([])).toBeNull();
    expect(median([90, 20, 30])).toBe(30);
    expect(median([10, 40, 20, 30])).toBe(25);
  });

  it('estimates the uplink from a timed upload, net of one round trip', () => {
    // 256 KiB in 1.1 s with a 100 ms round trip ≈ 2 Mbit/s.
    expect(uplinkKbps(262_144, 1100, 100)).toBe(2097);
    expect(uplinkKbps(262_144, 1100, null)).toBe(1907);
    // A round trip longer than the upload cannot make the rate absurd.
    expect(uplinkKbps(100_000, 100, 500)).toBe(80_000);
    expect(uplinkKbps(0, 100, 10)).toBeNull();
  });

  it('says in plain words whether the connection is good, fair or poor for video', () => {
    expect(networkFinding(40, 3000)).toEqual({
      level: 'good',
      text: 'Your connection looks good for video.',
    });
    expect(networkFinding(300, 3000).level).toBe('fair');
    expect(networkFinding(40, 500).level).toBe('fair');
    expect(networkFinding(40, 200)).toMatchObject({ level: 'poor', text: expect.stringContaining('Wi-Fi') });
    expect(networkFinding(900, null).level).toBe('poor');
    expect(networkFinding(null, null).level).toBe('unknown');
  });

  it('summarises a whole check by its worst finding', () => {
    expect(summarise(good).level).toBe('good');
    expect(summarise({ ...good, speaker: 'untested' }).level).toBe('unknown');
    expect(summarise({ ...good, microphone: 'silent' }).level).toBe('fair');
    expect(summarise({ ...good, camera: 'blocked' }).findings[0]).toMatchObject({ level: 'poor' });
  });

  it('gives the clinician one line with the figures', () => {
    expect(clinicianSummary(good)).toEqual({
      level: 'good',
      text: 'All checks passed · 40 ms, 3.0 Mbit/s up',
    });
    expect(
      clinicianSummary({ ...good, speaker: 'not-heard', network: { rttMs: 700, uplinkKbps: null } }),
    ).toEqual({
      level: 'poor',
      text: 'speaker not heard, weak connection · 700 ms',
    });
    expect(clinicianSummary(null)).toEqual({ level: 'unknown', text: 'No device check' });
  });
});
