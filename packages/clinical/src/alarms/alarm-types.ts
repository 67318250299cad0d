import type { NumericVital } from '../vitals/vital-sample';

export type AlarmPriority = 'low' | 'medium' | 'high';
export const PRIORITY_RANK: Record<AlarmPriority, number> = { low: 1, medium: 2, high: 3 };
export const higher = (a: AlarmPriority, b: AlarmPriority) => (PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b);
export const escalate = (p: AlarmPriority): AlarmPriority => (p === 'low' ? 'medium' : 'high');

/**
 * How each priority looks and sounds, after IEC 60601-1-8 (alarm systems in medical electrical
 * equipment): high — red, flashing 1.4–2.8 Hz, a burst of 10 pulses; medium — yellow, flashing
 * 0.4–0.8 Hz, 3 pulses; low — cyan or yellow, steady, 1–2 pulses. The browser plays the bursts.
 */
export const ALARM_PRESENTATION = {
  high: { colour: '#d7263d', flashHz: 2, burstPulses: 10, repeatSeconds: 5 },
  medium: { colour: '#f2c14e', flashHz: 0.6, burstPulses: 3, repeatSeconds: 15 },
  low: { colour: '#35a7d9', flashHz: 0, burstPulses: 1, repeatSeconds: 0 },
} as const satisfies Record<
  AlarmPriority,
  { colour: string; flashHz: number; burstPulses: number; repeatSeconds: number }
>;

/** A limit band of one parameter: outside [low, high] raises an alarm of this priority. */
export interface Threshold {
  low?: number;
  high?: number;
  priority: AlarmPriority;
}
export type BedThresholds = Partial<Record<NumericVital, Threshold[]>>;

/** Adult ICU defaults; every bed may override them. */
export const DEFAULT_THRESHOLDS: BedThresholds = {
  heartRate: [
    { low: 40, high: 150, priority: 'high' },
    { low: 50, high: 120, priority: 'medium' },
  ],
  spo2: [
    { low: 85, priority: 'high' },
    { low: 90, priority: 'medium' },
  ],
  respiratoryRate: [
    { low: 6, high: 35, priority: 'high' },
    { low: 8, high: 28, priority: 'medium' },
  ],
  systolic: [
    { low: 80, high: 220, priority: 'high' },
    { low: 90, high: 180, priority: 'medium' },
  ],
  temperature: [{ low: 35, high: 39.5, priority: 'medium' }],
};

export interface AlarmConfig {
  /** A condition must last this long before it sounds (filters one-sample blips). */
  onsetDelayMs: number;
  /** An unacknowledged alarm goes up one priority after this long. */
  escalateAfterMs: number;
  /** No sample for this long: a high-priority technical alarm, the bedside must be checked. */
  linkTimeoutMs: number;
  /** How long "silence" mutes an alarm's sound (it stays visible). */
  silenceMs: number;
}
export const DEFAULT_ALARM_CONFIG: AlarmConfig = {
  onsetDelayMs: 5_000,
  escalateAfterMs: 60_000,
  linkTimeoutMs: 5_000,
  silenceMs: 120_000,
};

export interface Alarm {
  /** Stable per bed and condition, e.g. "heartRate", "news2", "tech.linkLost". */
  key: string;
  kind: 'clinical' | 'technical';
  priority: AlarmPriority;
  message: string;
  raisedAt: number;
  escalated: boolean;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  silencedUntil: number | null;
}

export type AlarmEvent =
  | { type: 'raised'; alarm: Alarm }
  | { type: 'changed'; alarm: Alarm }
  | { type: 'escalated'; alarm: Alarm }
  | { type: 'cleared'; alarm: Alarm }
  | { type: 'acknowledged'; alarm: Alarm }
  | { type: 'silenced'; alarm: Alarm };
