import { z } from 'zod';
import {
  type Alarm,
  type BedThresholds,
  type News2Result,
  type NumericVital,
  type VitalSample,
  NUMERIC_VITALS,
} from '@teleconsult/clinical';

/** REST bodies and views of the remote ICU: wards, beds, bedside devices, admissions. */

const name = z.string().trim().min(1, 'must not be empty').max(80);
export const wardKindSchema = z.enum(['icu', 'ed']);
export type WardKind = z.infer<typeof wardKindSchema>;
export const bedKindSchema = z.enum(['bed', 'ambulance']);
export type BedKind = z.infer<typeof bedKindSchema>;

export const createWardSchema = z.object({ name, kind: wardKindSchema.default('icu') });
export type CreateWardBody = z.infer<typeof createWardSchema>;

export const createBedSchema = z.object({
  label: name,
  kind: bedKindSchema.default('bed'),
  /** Ambulances: the call sign shown on the emergency department's board. */
  callSign: z.string().trim().min(1).max(32).optional(),
});
export type CreateBedBody = z.infer<typeof createBedSchema>;

const thresholdSchema = z
  .object({
    low: z.number().finite().optional(),
    high: z.number().finite().optional(),
    priority: z.enum(['low', 'medium', 'high']),
  })
  .refine((t) => t.low !== undefined || t.high !== undefined, { message: 'give low, high or both' })
  .refine((t) => t.low === undefined || t.high === undefined || t.low < t.high, {
    message: 'low must be below high',
    path: ['high'],
  });
export const bedSettingsSchema = z.object({
  thresholds: z
    .partialRecord(
      z.enum(NUMERIC_VITALS as [NumericVital, ...NumericVital[]]),
      z.array(thresholdSchema).max(4),
    )
    .optional(),
  /** NEWS2 SpO2 scale 2 is for patients with hypercapnic respiratory failure (target 88–92 %). */
  spo2Scale: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type BedSettingsBody = z.infer<typeof bedSettingsSchema>;

export const admitSchema = z.object({
  patientName: z.string().trim().min(1).max(120),
  /** Hospital number, as the ward knows the patient. */
  mrn: z.string().trim().min(1).max(32).optional(),
  spo2Scale: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type AdmitBody = z.infer<typeof admitSchema>;

export const handoverSchema = z.object({
  /** Estimated arrival, epoch ms. */
  eta: z.number().int().positive(),
  /** ATMIST: Age, Time of onset, Mechanism, Injuries/Illness, Signs, Treatment. */
  age: z.string().trim().max(20).optional(),
  timeOfOnset: z.string().trim().max(80).optional(),
  mechanism: z.string().trim().max(500).optional(),
  injuries: z.string().trim().max(1000).optional(),
  signs: z.string().trim().max(500).optional(),
  treatment: z.string().trim().max(1000).optional(),
});
export type Handover = z.infer<typeof handoverSchema>;

export interface WardView {
  id: string;
  name: string;
  kind: WardKind;
  bedCount: number;
}

export interface AdmissionView {
  id: string;
  patientName: string;
  mrn: string | null;
  admittedAt: string;
}

/** A bed as the station sees it: identity, patient, the latest numerics and its alarms. */
export interface BedView {
  id: string;
  wardId: string;
  label: string;
  kind: BedKind;
  callSign: string | null;
  admission: AdmissionView | null;
  /** A bedside device is connected now. */
  online: boolean;
  latest: VitalSample | null;
  /** Parameters of the latest sample flagged as artefacts. */
  artefacts: NumericVital[];
  news2: News2Result | null;
  alarms: Alarm[];
  videoProducerId: string | null;
  waveformProducerId: string | null;
  /** The bedside microphone (a tablet's); forwarded only to the station talking to the bed. */
  microphoneProducerId: string | null;
  /** Who is talking to the bed now (talk-down), if anyone. */
  talk: { clinician: string; since: string } | null;
  thresholds: BedThresholds;
  spo2Scale: 1 | 2;
  handover: Handover | null;
}

/** Returned once when a device token is issued; only its hash is stored. */
export interface DeviceTokenIssued {
  bedId: string;
  deviceToken: string;
}

/** One minute of a bed's trends: the mean of the trustworthy values measured in it. */
export interface TrendPoint {
  minute: string;
  heartRate: number | null;
  spo2: number | null;
  respiratoryRate: number | null;
  systolic: number | null;
  diastolic: number | null;
  temperature: number | null;
  news2: number | null;
}

export const trendsQuerySchema = z.object({
  hours: z.coerce.number().min(0.1).max(72).default(4),
});
export const waveformQuerySchema = z.object({
  seconds: z.coerce.number().int().min(1).max(30).default(10),
});
