import dcmjs from 'dcmjs';
import { ImagingError } from './dicom-error';

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;

/** Uncompressed little-endian syntaxes: what the in-consult viewer renders directly. */
export const RENDERABLE_TRANSFER_SYNTAXES: Record<string, string> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
};

/** Identifying attributes (natural dcmjs keywords) whose presence means the file carries PHI. */
export const PATIENT_IDENTIFIERS = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'OtherPatientIDs',
  'PatientAddress',
  'AccessionNumber',
];

export interface DicomSummary {
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string | null;
  seriesInstanceUid: string | null;
  modality: string | null;
  rows: number;
  columns: number;
  frames: number;
  bitsAllocated: 8 | 16;
  samplesPerPixel: 1 | 3;
  photometricInterpretation: string;
  pixelRepresentation: 0 | 1;
  windowCenter: number | null;
  windowWidth: number | null;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** Row and column spacing in mm, when the file states it (length measurement needs it). */
  pixelSpacingMm: [number, number] | null;
  hasPatientIdentifiers: boolean;
}

export interface ParsedDicom {
  summary: DicomSummary;
  /** The naturalized dataset (dcmjs keywords), for de-identification and re-writing. */
  dataset: Record<string, unknown>;
  meta: Record<string, unknown>;
  pixelData: Uint8Array;
}

const first = <T>(value: unknown): T | undefined =>
  Array.isArray(value) ? (value[0] as T) : (value as T | undefined);
const num = (value: unknown): number | null => {
  const v = Number(first(value));
  return Number.isFinite(v) ? v : null;
};
const str = (value: unknown): string | null => {
  const v = first<unknown>(value);
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'object' && v !== null && 'Alphabetic' in v)
    return String((v as { Alphabetic: unknown }).Alphabetic);
  return String(v);
};

/**
 * Validates and parses a DICOM Part 10 file: the "DICM" preamble, a transfer syntax the viewer can
 * render, the image attributes, and pixel data as long as the attributes say. Anything else is
 * refused with a specific code — a truncated or non-DICOM upload never reaches storage.
 */
export function inspectDicom(bytes: Uint8Array, maxBytes: number): ParsedDicom {
  if (bytes.byteLength > maxBytes)
    throw new ImagingError('TOO_LARGE', `the file is ${bytes.byteLength} bytes; the limit is ${maxBytes}`);
  const magic = bytes.byteLength >= 132 ? String.fromCharCode(...bytes.subarray(128, 132)) : '';
  if (magic !== 'DICM')
    throw new ImagingError('NOT_DICOM', 'this is not a DICOM file (no "DICM" marker at byte 128)');
  let message;
  try {
    const copy = bytes.slice().buffer;
    message = DicomMessage.readFile(copy, { ignoreErrors: false });
  } catch (error) {
    throw new ImagingError(
      'TRUNCATED',
      `the DICOM file could not be read: ${error instanceof Error ? error.message : 'malformed'}`,
    );
  }
  const meta = DicomMetaDictionary.naturalizeDataset(message.meta);
  const dataset = DicomMetaDictionary.naturalizeDataset(message.dict);
  const transferSyntaxUid = str(meta.TransferSyntaxUID) ?? '';
  if (!RENDERABLE_TRANSFER_SYNTAXES[transferSyntaxUid])
    throw new ImagingError(
      'UNSUPPORTED',
      `transfer syntax ${transferSyntaxUid || '(none)'} is not supported; send uncompressed (Explicit VR Little Endian)`,
    );
  const rows = num(dataset.Rows);
  const columns = num(dataset.Columns);
  const bitsAllocated = num(dataset.BitsAllocated);
  const samplesPerPixel = num(dataset.SamplesPerPixel) ?? 1;
  const rawPixels = first<ArrayBuffer>(dataset.PixelData);
  if (
    !rows ||
    !columns ||
    (bitsAllocated !== 8 && bitsAllocated !== 16) ||
    (samplesPerPixel !== 1 && samplesPerPixel !== 3) ||
    !rawPixels
  )
    throw new ImagingError(
      'NOT_AN_IMAGE',
      'the DICOM file has no image this viewer can show (rows, columns, 8/16-bit pixels, 1 or 3 samples)',
    );
  const frames = Math.max(1, num(dataset.NumberOfFrames) ?? 1);
  const expected = rows * columns * samplesPerPixel * (bitsAllocated / 8) * frames;
  const pixelData = new Uint8Array(rawPixels);
  if (pixelData.byteLength < expected)
    throw new ImagingError(
      'TRUNCATED',
      `pixel data is ${pixelData.byteLength} bytes; ${frames} frame(s) of ${columns}×${rows} need ${expected}`,
    );
  const spacing = Array.isArray(dataset.PixelSpacing) ? dataset.PixelSpacing.map(Number) : null;
  return {
    summary: {
      transferSyntaxUid,
      sopClassUid: str(dataset.SOPClassUID) ?? '',
      sopInstanceUid: str(dataset.SOPInstanceUID) ?? '',
      studyInstanceUid: str(dataset.StudyInstanceUID),
      seriesInstanceUid: str(dataset.SeriesInstanceUID),
      modality: str(dataset.Modality),
      rows,
      columns,
      frames,
      bitsAllocated,
      samplesPerPixel,
      photometricInterpretation: str(dataset.PhotometricInterpretation) ?? 'MONOCHROME2',
      pixelRepresentation: num(dataset.PixelRepresentation) === 1 ? 1 : 0,
      windowCenter: num(dataset.WindowCenter),
      windowWidth: num(dataset.WindowWidth),
      rescaleSlope: num(dataset.RescaleSlope) ?? 1,
      rescaleIntercept: num(dataset.RescaleIntercept) ?? 0,
      pixelSpacingMm:
        spacing && spacing.length === 2 && spacing.every(Number.isFinite) ? [spacing[0]!, spacing[1]!] : null,
      hasPatientIdentifiers: PATIENT_IDENTIFIERS.some((key) => str(dataset[key]) !== null),
    },
    dataset,
    meta,
    pixelData,
  };
}
