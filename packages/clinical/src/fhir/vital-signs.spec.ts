import { describe, expect, it } from 'vitest';
import { vitalSampleSchema } from '../vitals/vital-sample';
import { observationBundle, vitalSignObservations, waveformObservation } from './vital-signs';

const sample = vitalSampleSchema.parse({
  bedId: 'icu-1',
  at: Date.UTC(2026, 10, 24, 12),
  heartRate: 88,
  spo2: 95,
  respiratoryRate: 18,
  systolic: 118,
  diastolic: 72,
  temperature: 37.4,
});

describe('FHIR R4 vital signs', () => {
  const observations = vitalSignObservations(sample, { subject: 'Patient/p1', device: 'Device/bed-icu-1' });
  const byCode = (code: string) =>
    observations.find((o) => (o.code as { coding: Array<{ code: string }> }).coding[0]!.code === code)!;

  it('uses the vital-signs LOINC codes and UCUM units', () => {
    expect(byCode('8867-4')).toMatchObject({
      valueQuantity: { value: 88, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
    });
    expect(byCode('2708-6')).toMatchObject({ valueQuantity: { value: 95, code: '%' } });
    expect(byCode('9279-1')).toMatchObject({ valueQuantity: { value: 18, code: '/min' } });
    expect(byCode('8310-5')).toMatchObject({ valueQuantity: { value: 37.4, code: 'Cel' } });
    for (const o of observations) {
      expect(o).toMatchObject({
        status: 'final',
        subject: { reference: 'Patient/p1' },
        effectiveDateTime: '2026-11-24T12:00:00.000Z',
      });
      expect(JSON.stringify(o.category)).toContain('vital-signs');
    }
  });

  it('puts blood pressure in an 85354-9 panel with systolic and diastolic components', () => {
    const bp = byCode('85354-9');
    expect(bp.component).toEqual([
      expect.objectContaining({
        code: { coding: [expect.objectContaining({ code: '8480-6' })] },
        valueQuantity: expect.objectContaining({ value: 118, code: 'mm[Hg]' }),
      }),
      expect.objectContaining({
        code: { coding: [expect.objectContaining({ code: '8462-4' })] },
        valueQuantity: expect.objectContaining({ value: 72, code: 'mm[Hg]' }),
      }),
    ]);
    expect(bp.valueQuantity).toBeUndefined();
  });

  it('leaves out what was not measured, and bundles', () => {
    const partial = vitalSignObservations(vitalSampleSchema.parse({ bedId: 'b', at: 1, heartRate: 60 }), {
      subject: 'Device/b',
    });
    expect(partial).toHaveLength(1);
    expect(observationBundle(partial)).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Observation' } }],
    });
  });

  it('exports a waveform block as valueSampledData that round-trips', () => {
    const samples = [0, 0.1, 1.2, -0.3, 0.05];
    const o = waveformObservation(
      { startAt: Date.UTC(2026, 0, 1), sampleRateHz: 250, samples },
      { subject: 'Device/bed-1' },
    );
    const data = o.valueSampledData as {
      period: number;
      factor: number;
      dimensions: number;
      data: string;
      origin: { value: number };
    };
    expect(data.period).toBe(4);
    expect(data.dimensions).toBe(1);
    const decoded = data.data.split(' ').map((d) => data.origin.value + Number(d) * data.factor);
    decoded.forEach((v, i) => expect(v).toBeCloseTo(samples[i]!, 6));
    expect(o.effectivePeriod).toEqual({ start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T00:00:00.020Z' });
  });
});
