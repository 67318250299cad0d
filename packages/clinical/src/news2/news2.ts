import type { Consciousness } from '../vitals/vital-sample';

/**
 * NEWS2, Royal College of Physicians (2017), "National Early Warning Score (NEWS) 2" chart 1.
 * Values are rounded as charted (whole numbers; temperature to 0.1 °C) before scoring.
 */

export type SpO2Scale = 1 | 2;

export interface News2Input {
  respiratoryRate?: number | undefined;
  spo2?: number | undefined;
  /** Scale 2 only for patients with hypercapnic respiratory failure, on a clinician's decision. */
  spo2Scale?: SpO2Scale | undefined;
  onOxygen?: boolean | undefined;
  systolic?: number | undefined;
  heartRate?: number | undefined;
  consciousness?: Consciousness | undefined;
  temperature?: number | undefined;
}

export type News2Parameter =
  'respiratoryRate' | 'spo2' | 'airOrOxygen' | 'systolic' | 'heartRate' | 'consciousness' | 'temperature';
export const NEWS2_PARAMETERS: News2Parameter[] = [
  'respiratoryRate',
  'spo2',
  'airOrOxygen',
  'systolic',
  'heartRate',
  'consciousness',
  'temperature',
];

/** Clinical risk and the RCP's response to it. */
export type News2Band = 'low' | 'low-medium' | 'medium' | 'high';

export interface News2Result {
  total: number;
  band: News2Band;
  scores: Partial<Record<News2Parameter, number>>;
  /** Parameters without a value: the score is then a lower bound, never a reassurance. */
  missing: News2Parameter[];
  partial: boolean;
  response: string;
}

const whole = Math.round;

export function scoreRespiratoryRate(rate: number): number {
  const r = whole(rate);
  if (r <= 8) return 3;
  if (r <= 11) return 1;
  if (r <= 20) return 0;
  if (r <= 24) return 2;
  return 3;
}

export function scoreSpo2Scale1(spo2: number): number {
  const s = whole(spo2);
  if (s <= 91) return 3;
  if (s <= 93) return 2;
  if (s <= 95) return 1;
  return 0;
}

/** Scale 2: 88–92 % is the target; above 92 % scores only on oxygen (risk of hyperoxaemia). */
export function scoreSpo2Scale2(spo2: number, onOxygen: boolean): number {
  const s = whole(spo2);
  if (s <= 83) return 3;
  if (s <= 85) return 2;
  if (s <= 87) return 1;
  if (s <= 92 || !onOxygen) return 0;
  if (s <= 94) return 1;
  if (s <= 96) return 2;
  return 3;
}

export const scoreAirOrOxygen = (onOxygen: boolean): number => (onOxygen ? 2 : 0);

export function scoreSystolic(systolic: number): number {
  const s = whole(systolic);
  if (s <= 90) return 3;
  if (s <= 100) return 2;
  if (s <= 110) return 1;
  if (s <= 219) return 0;
  return 3;
}

export function scoreHeartRate(rate: number): number {
  const r = whole(rate);
  if (r <= 40) return 3;
  if (r <= 50) return 1;
  if (r <= 90) return 0;
  if (r <= 110) return 1;
  if (r <= 130) return 2;
  return 3;
}

/** Alert scores 0; new confusion, voice, pain or unresponsive score 3. */
export const scoreConsciousness = (level: Consciousness): number => (level === 'A' ? 0 : 3);

export function scoreTemperature(celsius: number): number {
  const t = Math.round(celsius * 10) / 10;
  if (t <= 35.0) return 3;
  if (t <= 36.0) return 1;
  if (t <= 38.0) return 0;
  if (t <= 39.0) return 1;
  return 2;
}

const RESPONSE: Record<News2Band, string> = {
  low: 'Ward-based response: continue routine monitoring (at least 12-hourly for 0, 4–6-hourly for 1–4)',
  'low-medium': 'Urgent ward-based response: a single parameter scores 3',
  medium: 'Key threshold for urgent response (score 5–6)',
  high: 'Urgent or emergency response (score 7 or more)',
};

/** The aggregate band: ≥ 7 high, 5–6 medium, a single 3 low-medium, else low. */
export function news2Band(total: number, anySingleThree: boolean): News2Band {
  if (total >= 7) return 'high';
  if (total >= 5) return 'medium';
  if (anySingleThree) return 'low-medium';
  return 'low';
}

export function news2(input: News2Input): News2Result {
  const scores: Partial<Record<News2Parameter, number>> = {};
  const onOxygen = input.onOxygen;
  if (input.respiratoryRate !== undefined)
    scores.respiratoryRate = scoreRespiratoryRate(input.respiratoryRate);
  if (input.spo2 !== undefined)
    scores.spo2 =
      input.spo2Scale === 2 ? scoreSpo2Scale2(input.spo2, onOxygen === true) : scoreSpo2Scale1(input.spo2);
  if (onOxygen !== undefined) scores.airOrOxygen = scoreAirOrOxygen(onOxygen);
  if (input.systolic !== undefined) scores.systolic = scoreSystolic(input.systolic);
  if (input.heartRate !== undefined) scores.heartRate = scoreHeartRate(input.heartRate);
  if (input.consciousness !== undefined) scores.consciousness = scoreConsciousness(input.consciousness);
  if (input.temperature !== undefined) scores.temperature = scoreTemperature(input.temperature);
  const values = Object.values(scores);
  const total = values.reduce((sum, v) => sum + v, 0);
  const band = news2Band(total, values.includes(3));
  const missing = NEWS2_PARAMETERS.filter((p) => scores[p] === undefined);
  return { total, band, scores, missing, partial: missing.length > 0, response: RESPONSE[band] };
}
