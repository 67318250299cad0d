import { news2, type SpO2Scale } from '../news2/news2';
import {
  NUMERIC_VITALS,
  VITAL_LIMITS,
  type VitalSample,
  artefactsOf,
  trustworthy,
} from '../vitals/vital-sample';
import {
  type Alarm,
  type AlarmConfig,
  type AlarmEvent,
  type AlarmPriority,
  type BedThresholds,
  DEFAULT_ALARM_CONFIG,
  DEFAULT_THRESHOLDS,
  PRIORITY_RANK,
  escalate,
} from './alarm-types';

/** A condition found in one sample: what would sound if it lasts. */
interface Condition {
  key: string;
  kind: Alarm['kind'];
  priority: AlarmPriority;
  message: string;
}

/** Everything the engine remembers about one bed; plain data, so it can be stored or sent. */
export interface BedAlarmState {
  pendingSince: Record<string, number>;
  active: Record<string, Alarm>;
  lastSampleAt: number | null;
}
export const emptyBedAlarmState = (): BedAlarmState => ({ pendingSince: {}, active: {}, lastSampleAt: null });

/**
 * A bed's state rebuilt after a restart from its alarms still open in the history: they stay
 * active (acknowledged ones stay acknowledged, escalated ones escalated), and data is expected
 * from `now` on, so a bedside that does not come back raises the lost-link alarm after the usual
 * timeout instead of going unnoticed. Conditions that were still within their onset delay are
 * not kept: a persisting condition starts its delay again with the next sample.
 */
export function restoredBedAlarmState(alarms: readonly Alarm[], now: number): BedAlarmState {
  return {
    pendingSince: {},
    active: Object.fromEntries(alarms.map((alarm) => [alarm.key, { ...alarm, silencedUntil: null }])),
    lastSampleAt: now,
  };
}

export interface Step {
  state: BedAlarmState;
  events: AlarmEvent[];
}

export interface BedSettings {
  thresholds?: BedThresholds;
  spo2Scale?: SpO2Scale;
  config?: AlarmConfig;
}

const LABEL: Record<string, string> = {
  heartRate: 'Heart rate',
  spo2: 'SpO₂',
  respiratoryRate: 'Respiratory rate',
  systolic: 'Systolic BP',
  diastolic: 'Diastolic BP',
  temperature: 'Temperature',
};

/** The conditions present in one (validated) sample. Artefacts never make a clinical condition. */
export function conditionsOf(sample: VitalSample, settings: BedSettings = {}): Condition[] {
  const thresholds = settings.thresholds ?? DEFAULT_THRESHOLDS;
  const clean = trustworthy(sample);
  const found: Condition[] = [];
  for (const name of NUMERIC_VITALS) {
    const value = clean[name];
    if (value === undefined) continue;
    const violated = (thresholds[name] ?? [])
      .filter((t) => (t.low !== undefined && value < t.low) || (t.high !== undefined && value > t.high))
      .sort((a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority])[0];
    if (violated) {
      const direction = violated.low !== undefined && value < violated.low ? 'low' : 'high';
      found.push({
        key: name,
        kind: 'clinical',
        priority: violated.priority,
        message: `${LABEL[name]} ${direction}: ${value} ${VITAL_LIMITS[name].unit}`,
      });
    }
  }
  const score = news2({ ...clean, spo2Scale: settings.spo2Scale });
  if (score.band === 'high' || score.band === 'medium' || score.band === 'low-medium') {
    found.push({
      key: 'news2',
      kind: 'clinical',
      priority: score.band === 'high' ? 'high' : score.band === 'medium' ? 'medium' : 'low',
      message: `NEWS2 ${score.total}${score.partial ? '+ (partial)' : ''}: ${score.response}`,
    });
  }
  if (sample.leadOff)
    found.push({
      key: 'tech.leadOff',
      kind: 'technical',
      priority: 'medium',
      message: 'ECG lead off — check the electrodes',
    });
  const artefacts = artefactsOf(sample).filter((name) => !(name === 'heartRate' && sample.leadOff));
  if (artefacts.length > 0)
    found.push({
      key: 'tech.artefact',
      kind: 'technical',
      priority: 'low',
      message: `Implausible ${artefacts.map((a) => LABEL[a]).join(', ')} — check the sensor`,
    });
  return found;
}

/** Feeds one sample: raises conditions that lasted the onset delay, clears those that are gone. */
export function onSample(
  previous: BedAlarmState,
  sample: VitalSample,
  now: number,
  settings: BedSettings = {},
): Step {
  const config = settings.config ?? DEFAULT_ALARM_CONFIG;
  const state: BedAlarmState = {
    pendingSince: { ...previous.pendingSince },
    active: { ...previous.active },
    lastSampleAt: now,
  };
  const events: AlarmEvent[] = [];
  const present = new Map(conditionsOf(sample, settings).map((c) => [c.key, c]));
  // A sample arrived, so an active lost-link alarm is among the cleared below.

  for (const [key, alarm] of Object.entries(state.active)) {
    if (present.has(key)) continue;
    delete state.active[key];
    events.push({ type: 'cleared', alarm });
  }
  for (const key of Object.keys(state.pendingSince)) if (!present.has(key)) delete state.pendingSince[key];

  for (const condition of present.values()) {
    const active = state.active[condition.key];
    if (active) {
      if (
        condition.priority !== active.priority &&
        !(active.escalated && PRIORITY_RANK[active.priority] > PRIORITY_RANK[condition.priority])
      ) {
        const changed = { ...active, priority: condition.priority, message: condition.message };
        state.active[condition.key] = changed;
        events.push({ type: 'changed', alarm: changed });
      }
      continue;
    }
    const since = state.pendingSince[condition.key] ?? now;
    state.pendingSince[condition.key] = since;
    // Technical conditions sound at once: a lead off or a broken sensor hides everything else.
    if (condition.kind === 'clinical' && now - since < config.onsetDelayMs) continue;
    const alarm: Alarm = {
      ...condition,
      raisedAt: now,
      escalated: false,
      acknowledgedAt: null,
      acknowledgedBy: null,
      silencedUntil: null,
    };
    delete state.pendingSince[condition.key];
    state.active[condition.key] = alarm;
    events.push({ type: 'raised', alarm });
  }
  return { state, events };
}

/** Time passing without samples: the lost-link alarm, and escalation of unacknowledged alarms. */
export function onTick(
  previous: BedAlarmState,
  now: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): Step {
  const state: BedAlarmState = { ...previous, active: { ...previous.active } };
  const events: AlarmEvent[] = [];
  if (
    state.lastSampleAt !== null &&
    now - state.lastSampleAt >= config.linkTimeoutMs &&
    !state.active['tech.linkLost']
  ) {
    const alarm: Alarm = {
      key: 'tech.linkLost',
      kind: 'technical',
      priority: 'high',
      message: `No data from the bedside for ${Math.round((now - state.lastSampleAt) / 1000)} s — the remote view is blind; check the patient at the bedside`,
      raisedAt: now,
      escalated: false,
      acknowledgedAt: null,
      acknowledgedBy: null,
      silencedUntil: null,
    };
    state.active[alarm.key] = alarm;
    events.push({ type: 'raised', alarm });
  }
  for (const [key, alarm] of Object.entries(state.active)) {
    if (alarm.acknowledgedAt !== null || alarm.escalated || alarm.priority === 'high') continue;
    if (now - alarm.raisedAt < config.escalateAfterMs) continue;
    const escalated = { ...alarm, priority: escalate(alarm.priority), escalated: true };
    state.active[key] = escalated;
    events.push({ type: 'escalated', alarm: escalated });
  }
  return { state, events };
}

/** Acknowledged: the sound stops for good, the alarm stays until its condition clears. */
export function acknowledge(previous: BedAlarmState, key: string, by: string, now: number): Step {
  const alarm = previous.active[key];
  if (!alarm || alarm.acknowledgedAt !== null) return { state: previous, events: [] };
  const acknowledged = { ...alarm, acknowledgedAt: now, acknowledgedBy: by };
  return {
    state: { ...previous, active: { ...previous.active, [key]: acknowledged } },
    events: [{ type: 'acknowledged', alarm: acknowledged }],
  };
}

/** Silenced: no sound for a while; escalation still runs, since nobody has taken it on. */
export function silence(
  previous: BedAlarmState,
  key: string,
  now: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): Step {
  const alarm = previous.active[key];
  if (!alarm) return { state: previous, events: [] };
  const silenced = { ...alarm, silencedUntil: now + config.silenceMs };
  return {
    state: { ...previous, active: { ...previous.active, [key]: silenced } },
    events: [{ type: 'silenced', alarm: silenced }],
  };
}

/** The bed's alarms, most urgent first (high before medium before low, then oldest first). */
export const sortedAlarms = (state: BedAlarmState): Alarm[] =>
  Object.values(state.active).sort(
    (a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || a.raisedAt - b.raisedAt,
  );
