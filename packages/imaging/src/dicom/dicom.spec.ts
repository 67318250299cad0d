import { describe, expect, it } from 'vitest';
import { deidentify } from './deidentify';
import { makeDicom } from './dicom-fixture';
import { inspectDicom } from './inspect-dicom';

const MB = 1024 * 1024;

describe('inspectDicom', () => {
  it('parses a single-frame image with its display and measurement attributes', () => {
    const { summary, pixelData } = inspectDicom(makeDicom({ rows: 16, columns: 12 }), MB);
    expect(summary).toMatchObject({
      rows: 16,
      columns: 12,
      frames: 1,
      bitsAllocated: 16,
      modality: 'US',
      windowCenter: 2048,
      windowWidth: 4096,
      pixelSpacingMm: [0.5, 0.5],
      hasPatientIdentifiers: true,
      transferSyntaxUid: '1.2.840.10008.1.2.1',
    });
    expect(pixelData.byteLength).toBeGreaterThanOrEqual(16 * 12 * 2);
  });

  it('parses a multi-frame image', () => {
    expect(inspectDicom(makeDicom({ frames: 5 }), MB).summary.frames).toBe(5);
  });

  it('refuses what is not DICOM, too large, truncated or compressed — each with its code', () => {
    const good = makeDicom();
    expect(() => inspectDicom(new TextEncoder().encode('%PDF-1.7 not an image'), MB)).toThrow(
      expect.objectContaining({ code: 'NOT_DICOM' }),
    );
    expect(() => inspectDicom(good, 100)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(() => inspectDicom(good.subarray(0, 200), MB)).toThrow(
      expect.objectContaining({ code: 'TRUNCATED' }),
    );
    expect(() => inspectDicom(makeDicom({ frames: 3, truncatePixels: 64 }), MB)).toThrow(
      expect.objectContaining({ code: 'TRUNCATED' }),
    );
    expect(() => inspectDicom(makeDicom({ transferSyntaxUid: '1.2.840.10008.1.2.4.50' }), MB)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
  });
});

describe('deidentify', () => {
  it('removes identifying attributes, pseudonymises the patient and keeps the image', () => {
    const parsed = inspectDicom(makeDicom({ frames: 2 }), MB);
    const cleaned = inspectDicom(deidentify(parsed, 'consult-7f3a'), MB);
    expect(cleaned.dataset.PatientName).toEqual([{ Alphabetic: 'Anonymous' }]);
    expect(cleaned.dataset.PatientID).toBe('consult-7f3a');
    expect(cleaned.dataset.PatientIdentityRemoved).toBe('YES');
    for (const key of ['PatientBirthDate', 'InstitutionName', 'ReferringPhysicianName'])
      expect(cleaned.dataset[key]).toBeUndefined();
    expect(cleaned.summary.frames).toBe(2);
    expect(cleaned.summary.sopInstanceUid).toBe(parsed.summary.sopInstanceUid);
    expect(Buffer.from(cleaned.pixelData)).toEqual(Buffer.from(parsed.pixelData));
    const text = Buffer.from(deidentify(parsed, 'x')).toString('latin1');
    expect(text).not.toContain('Doe^Jane');
    expect(text).not.toContain('MRN-0042');
    expect(text).not.toContain('19700101');
  });
});
