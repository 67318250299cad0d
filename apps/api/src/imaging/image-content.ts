import { ImagingError, inspectDicom } from '@teleconsult/imaging';
import type { ConsultImageRow } from './entities/consult-image.entity';

export type ImageKind = ConsultImageRow['kind'];

export const CONTENT_TYPES: Record<ImageKind, string> = {
  dicom: 'application/dicom',
  png: 'image/png',
  jpeg: 'image/jpeg',
};
export const kindOfContentType = (type: string | undefined): ImageKind | null =>
  (Object.entries(CONTENT_TYPES).find(([, t]) => type?.split(';')[0]?.trim() === t)?.[0] as
    ImageKind | undefined) ?? null;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG width and height from the IHDR chunk, or an error if the bytes are not a PNG. */
function pngSize(bytes: Uint8Array): { rows: number; columns: number } {
  if (bytes.byteLength < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b))
    throw new ImagingError('NOT_AN_IMAGE', 'the file is not a PNG image');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { columns: view.getUint32(16), rows: view.getUint32(20) };
}

function checkJpeg(bytes: Uint8Array): void {
  const ends =
    bytes.byteLength >= 4 && bytes[bytes.byteLength - 2] === 0xff && bytes[bytes.byteLength - 1] === 0xd9;
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff))
    throw new ImagingError('NOT_AN_IMAGE', 'the file is not a JPEG image');
  if (!ends) throw new ImagingError('TRUNCATED', 'the JPEG image is cut short (no end-of-image marker)');
}

export interface CheckedImage {
  summary: ConsultImageRow['summary'];
  /** For DICOM: the parsed file, for de-identification. */
  dicom?: ReturnType<typeof inspectDicom>;
}

/** Checks that the bytes are the image their declared type says, and reads what the viewer needs. */
export function checkImage(kind: ImageKind, bytes: Uint8Array, maxBytes: number): CheckedImage {
  if (kind === 'dicom') {
    const dicom = inspectDicom(bytes, maxBytes);
    const s = dicom.summary;
    return {
      dicom,
      summary: {
        rows: s.rows,
        columns: s.columns,
        frames: s.frames,
        modality: s.modality,
        windowCenter: s.windowCenter,
        windowWidth: s.windowWidth,
        pixelSpacingMm: s.pixelSpacingMm,
      },
    };
  }
  const size = kind === 'png' ? pngSize(bytes) : (checkJpeg(bytes), { rows: null, columns: null });
  return {
    summary: {
      ...size,
      frames: 1,
      modality: null,
      windowCenter: null,
      windowWidth: null,
      pixelSpacingMm: null,
    },
  };
}
