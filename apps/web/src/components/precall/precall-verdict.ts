import type { DeviceCheck } from '@teleconsult/protocol';

export type Level = 'good' | 'fair' | 'poor' | 'unknown';

export interface Finding {
  level: Level;
  /** One plain-language sentence for the patient (or clinician) to read. */
  text: string;
}

/** The median of the samples, or null when there are none. */
export function median(samples: number[]): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Upload throughput from a timed upload. One round trip of the total is the request/response
 * exchange, not the transfer, so it is taken off (but never below a tenth of the total).
 */
export function uplinkKbps(bytes: number, elapsedMs: number, rttMs: number | null): number | null {
  if (bytes <= 0 || elapsedMs <= 0) return null;
  const transferMs = Math.max(elapsedMs - (rttMs ?? 0), elapsedMs / 10);
  return Math.round((bytes * 8) / transferMs);
}

/** Video at a usable quality needs about 500 kbit/s up and a round trip under ~300 ms. */
export function networkFinding(rttMs: number | null, kbps: number | null): Finding {
  if (rttMs === null && kbps === null)
    return {
      level: 'unknown',
      text: 'We could not test your connection. You can still join; if the call stutters, move closer to your Wi-Fi router.',
    };
  if ((kbps !== null && kbps < 250) || (rttMs !== null && rttMs > 600))
    return {
      level: 'poor',
      text: 'Your connection is weak. Video may freeze: move closer to your Wi-Fi router, or turn off video once in the call so the sound stays clear.',
    };
  if ((kbps !== null && kbps < 800) || (rttMs !== null && rttMs > 250))
    return {
      level: 'fair',
      text: 'Your connection is fine for a call. Video may be less sharp; closing other apps that use the internet helps.',
    };
  return { level: 'good', text: 'Your connection looks good for video.' };
}

export function cameraFinding(camera: DeviceCheck['camera']): Finding {
  switch (camera) {
    case 'ok':
      return { level: 'good', text: 'Your camera works.' };
    case 'blocked':
      return {
        level: 'poor',
        text: 'Your browser blocked the camera. Allow it in the address bar, then reload.',
      };
    case 'missing':
      return { level: 'poor', text: 'No camera was found. The clinician will hear you but not see you.' };
    default:
      return { level: 'unknown', text: 'The camera has not been checked yet.' };
  }
}

export function microphoneFinding(microphone: DeviceCheck['microphone']): Finding {
  switch (microphone) {
    case 'ok':
      return { level: 'good', text: 'We can hear your microphone.' };
    case 'silent':
      return {
        level: 'fair',
        text: 'Your microphone seems quiet. Say something; if the bar does not move, check it is not muted.',
      };
    case 'blocked':
      return {
        level: 'poor',
        text: 'Your browser blocked the microphone. Allow it in the address bar, then reload.',
      };
    case 'missing':
      return { level: 'poor', text: 'No microphone was found. Connect a headset, then reload.' };
    default:
      return { level: 'unknown', text: 'The microphone has not been checked yet.' };
  }
}

export function speakerFinding(speaker: DeviceCheck['speaker']): Finding {
  switch (speaker) {
    case 'heard':
      return { level: 'good', text: 'Your speaker or headphones work.' };
    case 'not-heard':
      return {
        level: 'poor',
        text: 'You did not hear the tone. Turn the volume up, unmute your device, or plug in headphones, then try again.',
      };
    default:
      return { level: 'unknown', text: 'Play the test sound to check your speaker.' };
  }
}

const RANK: Record<Level, number> = { good: 0, unknown: 1, fair: 2, poor: 3 };

/** Every finding of a check, and the worst level among them, for a one-line summary. */
export function summarise(check: DeviceCheck): { level: Level; findings: Finding[] } {
  const findings = [
    cameraFinding(check.camera),
    microphoneFinding(check.microphone),
    speakerFinding(check.speaker),
    networkFinding(check.network.rttMs, check.network.uplinkKbps),
  ];
  const level = findings.reduce<Level>((worst, f) => (RANK[f.level] > RANK[worst] ? f.level : worst), 'good');
  return { level, findings };
}

/** The one line a clinician reads next to a waiting patient's name. */
export function clinicianSummary(check: DeviceCheck | null): { level: Level; text: string } {
  if (!check) return { level: 'unknown', text: 'No device check' };
  const problems: string[] = [];
  if (check.camera !== 'ok') problems.push(check.camera === 'untested' ? 'camera untested' : 'no camera');
  if (check.microphone !== 'ok')
    problems.push(check.microphone === 'silent' ? 'quiet microphone' : 'no microphone');
  if (check.speaker === 'not-heard') problems.push('speaker not heard');
  const network = networkFinding(check.network.rttMs, check.network.uplinkKbps);
  if (network.level === 'poor') problems.push('weak connection');
  if (network.level === 'fair') problems.push('average connection');
  const figures = [
    check.network.rttMs === null ? null : `${Math.round(check.network.rttMs)} ms`,
    check.network.uplinkKbps === null ? null : `${(check.network.uplinkKbps / 1000).toFixed(1)} Mbit/s up`,
  ].filter(Boolean);
  const level = summarise(check).level;
  const text = problems.length === 0 ? 'All checks passed' : problems.join(', ');
  return { level, text: figures.length ? `${text} · ${figures.join(', ')}` : text };
}
