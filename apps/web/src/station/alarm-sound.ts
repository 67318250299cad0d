import { ALARM_PRESENTATION, type Alarm, type AlarmPriority, PRIORITY_RANK } from '@teleconsult/clinical';

/** An alarm and the bed it belongs to: keys are unique per bed only. */
export interface BedAlarm {
  bedId: string;
  alarm: Alarm;
}

export interface SoundState {
  /** The last burst played, to repeat it at its priority's interval. */
  lastBurst: { priority: AlarmPriority; at: number } | null;
  /** Low-priority alarms already announced (they sound once). */
  soundedOnce: string[];
}

export const SILENT: SoundState = { lastBurst: null, soundedOnce: [] };

export interface Burst {
  priority: AlarmPriority;
  pulses: number;
}

const identity = ({ bedId, alarm }: BedAlarm) => `${bedId}:${alarm.key}:${alarm.raisedAt}`;

/** Sounding now: neither acknowledged nor inside its silence. */
export const isAudible = (alarm: Alarm, now: number): boolean =>
  alarm.acknowledgedAt === null && (alarm.silencedUntil === null || alarm.silencedUntil <= now);

/**
 * What the station should sound at `now`, after IEC 60601-1-8: only the highest priority audible
 * alarm is heard; high repeats its 10-pulse burst every 5 s, medium its 3 pulses every 15 s, low
 * gives one pulse once per alarm. A rise in priority sounds at once; acknowledging or silencing
 * removes an alarm from the audible set (and `stop` tells the player to cut a burst short).
 */
export function nextSound(
  alarms: BedAlarm[],
  now: number,
  state: SoundState,
): { burst: Burst | null; stop: boolean; state: SoundState } {
  const audible = alarms.filter((a) => isAudible(a.alarm, now));
  // Forget announced low alarms that are gone, so the list does not grow for a whole shift.
  const present = new Set(audible.map(identity));
  const soundedOnce = state.soundedOnce.filter((id) => present.has(id));
  if (audible.length === 0) {
    return { burst: null, stop: state.lastBurst !== null, state: { lastBurst: null, soundedOnce } };
  }
  const top = audible.reduce<AlarmPriority>(
    (p, a) => (PRIORITY_RANK[a.alarm.priority] > PRIORITY_RANK[p] ? a.alarm.priority : p),
    'low',
  );
  const look = ALARM_PRESENTATION[top];
  // The last burst's priority is no longer heard (acknowledged, silenced, or cleared): cut it short.
  const stop = state.lastBurst !== null && PRIORITY_RANK[state.lastBurst.priority] > PRIORITY_RANK[top];
  if (top === 'low') {
    const fresh = audible.filter((a) => !soundedOnce.includes(identity(a)));
    if (fresh.length === 0) return { burst: null, stop, state: { lastBurst: null, soundedOnce } };
    return {
      burst: { priority: 'low', pulses: look.burstPulses },
      stop,
      state: { lastBurst: null, soundedOnce: [...soundedOnce, ...fresh.map(identity)] },
    };
  }
  // After a cut, the remaining priority keeps the rhythm of the last burst heard.
  const last = stop && state.lastBurst ? { priority: top, at: state.lastBurst.at } : state.lastBurst;
  const due =
    last === null ||
    PRIORITY_RANK[top] > PRIORITY_RANK[last.priority] ||
    now - last.at >= look.repeatSeconds * 1000;
  if (!due) return { burst: null, stop, state: { lastBurst: last, soundedOnce } };
  return {
    burst: { priority: top, pulses: look.burstPulses },
    stop,
    state: { lastBurst: { priority: top, at: now }, soundedOnce },
  };
}

/** Pulse start times (s) within a burst: high 3+2, pause, 3+2; medium and low evenly spaced. */
export function pulseOffsets(burst: Burst): number[] {
  const pulse = PULSE_SECONDS[burst.priority];
  const gap = pulse * 0.8;
  const offsets: number[] = [];
  let t = 0;
  for (let i = 0; i < burst.pulses; i += 1) {
    offsets.push(Number(t.toFixed(3)));
    t += pulse + gap;
    // The high-priority melody groups its pulses 3 + 2, with a longer rest after each half.
    if (burst.priority === 'high' && (i % 5 === 2 || i % 5 === 4)) t += i % 5 === 4 ? 0.7 : 0.2;
  }
  return offsets;
}

export const PULSE_SECONDS: Record<AlarmPriority, number> = { high: 0.12, medium: 0.18, low: 0.25 };
/** Fundamental frequencies (Hz), higher for more urgent; square-ish tones carry harmonics. */
export const PULSE_HZ: Record<AlarmPriority, number> = { high: 880, medium: 660, low: 440 };
