import { z } from 'zod';

/** ACVPU: Alert, new Confusion, responds to Voice, to Pain, Unresponsive. */
export const consciousnessSchema = z.enum(['A', 'C', 'V', 'P', 'U']);
export type Consciousness = z.infer<typeof consciousnessSchema>;

/**
 * Two limits per parameter. Outside the HARD limits a value is impossible (a unit or encoding
 * error): the sample is rejected with the field named. Between the hard and the PLAUSIBLE limits a
 * value can be measured but is far likelier an artefact (motion, a loose probe): it is kept, flagged
 * as an artefact, shown greyed, and never raises a clinical alarm (a technical one instead).
 */
export const VITAL_LIMITS = {
  heartRate: { unit: '/min', hard: [0, 350], plausible: [20, 300] },
  spo2: { unit: '%', hard: [0, 100], plausible: [50, 100] },
  respiratoryRate: { unit: '/min', hard: [0, 150], plausible: [3, 80] },
  systolic: { unit: 'mm[Hg]', hard: [0, 350], plausible: [40, 300] },
  diastolic: { unit: 'mm[Hg]', hard: [0, 300], plausible: [15, 200] },
  temperature: { unit: 'Cel', hard: [20, 46], plausible: [25, 44] },
} as const;
export type NumericVital = keyof typeof VITAL_LIMITS;
export const NUMERIC_VITALS = Object.keys(VITAL_LIMITS) as NumericVital[];

const vital = (name: NumericVital) => {
  const [min, max] = VITAL_LIMITS[name].hard;
  return z
    .number({ message: 'must be a number' })
    .finite('must be a finite number')
    .min(min, `below ${min} ${VITAL_LIMITS[name].unit} is impossible`)
    .max(max, `above ${max} ${VITAL_LIMITS[name].unit} is impossible`)
    .optional();
};

/** One set of numerics from a bedside monitor; any parameter may be missing. */
export const vitalSampleSchema = z
  .object({
    bedId: z.string().min(1).max(64),
    /** Epoch milliseconds when the monitor measured it. */
    at: z.number().int().positive(),
    heartRate: vital('heartRate'),
    spo2: vital('spo2'),
    respiratoryRate: vital('respiratoryRate'),
    systolic: vital('systolic'),
    diastolic: vital('diastolic'),
    temperature: vital('temperature'),
    consciousness: consciousnessSchema.optional(),
    onOxygen: z.boolean().optional(),
    /** ECG leads disconnected: heart rate from ECG is meaningless. */
    leadOff: z.boolean().optional(),
  })
  .refine((s) => s.systolic === undefined || s.diastolic === undefined || s.systolic > s.diastolic, {
    message: 'systolic must be above diastolic',
    path: ['diastolic'],
  });
export type VitalSample = z.infer<typeof vitalSampleSchema>;

/** Parameters of a valid sample whose values are outside the plausible range: artefacts. */
export function artefactsOf(sample: VitalSample): NumericVital[] {
  return NUMERIC_VITALS.filter((name) => {
    const value = sample[name];
    if (value === undefined) return false;
    const [min, max] = VITAL_LIMITS[name].plausible;
    return value < min || value > max || (name === 'heartRate' && sample.leadOff === true);
  });
}

/** The sample without its artefacts: what clinical scoring and alarms may look at. */
export function trustworthy(sample: VitalSample): VitalSample {
  const clean: VitalSample = { ...sample };
  for (const name of artefactsOf(sample)) delete clean[name];
  return clean;
}
