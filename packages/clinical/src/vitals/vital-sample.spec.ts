import { describe, expect, it } from 'vitest';
import { artefactsOf, trustworthy, vitalSampleSchema } from './vital-sample';

const base = { bedId: 'icu-1', at: 1_800_000_000_000 };

describe('vital samples', () => {
  it('accepts a normal sample', () => {
    expect(
      vitalSampleSchema.safeParse({ ...base, heartRate: 80, spo2: 97, systolic: 120, diastolic: 70 }).success,
    ).toBe(true);
  });

  it.each([
    [{ heartRate: Number.NaN }, 'heartRate'],
    [{ heartRate: Number.POSITIVE_INFINITY }, 'heartRate'],
    [{ heartRate: -5 }, 'heartRate'],
    [{ heartRate: 900 }, 'heartRate'],
    [{ spo2: 140 }, 'spo2'],
    [{ temperature: 370 }, 'temperature'],
    [{ respiratoryRate: '12' }, 'respiratoryRate'],
    [{ systolic: 80, diastolic: 90 }, 'diastolic'],
    [{ consciousness: 'Z' }, 'consciousness'],
  ])('rejects %j naming %s', (values, field) => {
    const result = vitalSampleSchema.safeParse({ ...base, ...values });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('flags implausible but possible values as artefacts, and drops them from what alarms see', () => {
    const sample = vitalSampleSchema.parse({ ...base, heartRate: 320, spo2: 30, respiratoryRate: 16 });
    expect(artefactsOf(sample)).toEqual(['heartRate', 'spo2']);
    expect(trustworthy(sample)).toEqual({ ...base, respiratoryRate: 16 });
  });

  it('treats the ECG heart rate as an artefact while a lead is off', () => {
    const sample = vitalSampleSchema.parse({ ...base, heartRate: 0 + 75, leadOff: true });
    expect(artefactsOf(sample)).toEqual(['heartRate']);
  });
});
