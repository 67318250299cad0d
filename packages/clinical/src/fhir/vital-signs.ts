import type { VitalSample } from '../vitals/vital-sample';

/**
 * FHIR R4 Observations after the vital-signs profile (http://hl7.org/fhir/R4/observation-vitalsigns.html):
 * category vital-signs, LOINC codes, UCUM units. Plain objects shaped like the FHIR JSON.
 */
export type FhirObservation = Record<string, unknown> & { resourceType: 'Observation' };

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const VITAL_SIGNS_CATEGORY = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'vital-signs',
        display: 'Vital Signs',
      },
    ],
  },
];

const NUMERIC_CODES = {
  heartRate: { code: '8867-4', display: 'Heart rate', unit: '/min', profile: 'heartrate' },
  spo2: { code: '2708-6', display: 'Oxygen saturation in Arterial blood', unit: '%', profile: 'oxygensat' },
  respiratoryRate: { code: '9279-1', display: 'Respiratory rate', unit: '/min', profile: 'resprate' },
  temperature: { code: '8310-5', display: 'Body temperature', unit: 'Cel', profile: 'bodytemp' },
} as const;

const quantity = (value: number, unit: string) => ({ value, unit, system: UCUM, code: unit });

export interface FhirContext {
  /** e.g. "Patient/123" or "Device/bed-4" when no patient is admitted to the bed. */
  subject: string;
  device?: string;
}

/** The sample's numerics as vital-signs Observations (blood pressure as one 85354-9 panel). */
export function vitalSignObservations(sample: VitalSample, context: FhirContext): FhirObservation[] {
  const effectiveDateTime = new Date(sample.at).toISOString();
  const base = (profile: string, code: { code: string; display: string }) => ({
    resourceType: 'Observation' as const,
    meta: { profile: [`http://hl7.org/fhir/StructureDefinition/${profile}`] },
    status: 'final',
    category: VITAL_SIGNS_CATEGORY,
    code: { coding: [{ system: LOINC, code: code.code, display: code.display }], text: code.display },
    subject: { reference: context.subject },
    ...(context.device ? { device: { reference: context.device } } : {}),
    effectiveDateTime,
  });
  const observations: FhirObservation[] = [];
  for (const [name, code] of Object.entries(NUMERIC_CODES) as Array<
    [keyof typeof NUMERIC_CODES, (typeof NUMERIC_CODES)[keyof typeof NUMERIC_CODES]]
  >) {
    const value = sample[name];
    if (value === undefined) continue;
    observations.push({ ...base(code.profile, code), valueQuantity: quantity(value, code.unit) });
  }
  if (sample.systolic !== undefined && sample.diastolic !== undefined) {
    observations.push({
      ...base('bp', { code: '85354-9', display: 'Blood pressure panel with all children optional' }),
      component: [
        {
          code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
          valueQuantity: quantity(sample.systolic, 'mm[Hg]'),
        },
        {
          code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] },
          valueQuantity: quantity(sample.diastolic, 'mm[Hg]'),
        },
      ],
    });
  }
  return observations;
}

/** A FHIR collection Bundle of observations. */
export const observationBundle = (observations: FhirObservation[]) => ({
  resourceType: 'Bundle' as const,
  type: 'collection',
  timestamp: new Date().toISOString(),
  entry: observations.map((resource) => ({ resource })),
});

/** A waveform block (e.g. ECG lead II in mV at 250 Hz) as an Observation with valueSampledData. */
export function waveformObservation(
  block: { startAt: number; sampleRateHz: number; samples: number[] },
  context: FhirContext,
  code = { system: 'urn:oid:2.16.840.1.113883.6.24', code: '131329', display: 'MDC_ECG_ELEC_POTL_II' },
): FhirObservation {
  // SampledData carries integers cheaply: data = round(value / factor), value = origin + data × factor.
  const factor = 0.001;
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'procedure' }],
      },
    ],
    code: { coding: [code] },
    subject: { reference: context.subject },
    ...(context.device ? { device: { reference: context.device } } : {}),
    effectivePeriod: {
      start: new Date(block.startAt).toISOString(),
      end: new Date(block.startAt + (block.samples.length * 1000) / block.sampleRateHz).toISOString(),
    },
    valueSampledData: {
      origin: { value: 0, unit: 'mV', system: UCUM, code: 'mV' },
      period: 1000 / block.sampleRateHz,
      factor,
      dimensions: 1,
      data: block.samples.map((v) => Math.round(v / factor)).join(' '),
    },
  };
}
