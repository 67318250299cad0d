import { inspectDicom } from '@teleconsult/imaging';
import { fullRangeWindow } from './window-level';

/** Stored pixel samples of one frame, in the file's own type (no copy per frame). */
export type StoredPixels = Uint8Array | Int8Array | Uint16Array | Int16Array;

/** An image ready for the viewer: its frames as stored values plus what rendering needs. */
export interface DecodedImage {
  kind: 'dicom' | 'png' | 'jpeg';
  rows: number;
  columns: number;
  frames: number;
  /** 1: greyscale through the window/level LUT; 3: RGB, interleaved (the LUT is applied per channel). */
  samplesPerPixel: 1 | 3;
  frame(index: number): StoredPixels;
  storedMin: number;
  storedMax: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** MONOCHROME1: high values are shown dark. */
  invert: boolean;
  defaultWindow: { center: number; width: number };
  pixelSpacingMm: [number, number] | null;
  modality: string | null;
  bitsStored: number;
}

/** Viewer limit, well above any consult image (a 1024² × 512-frame clip is 512 MB at 16 bit). */
const MAX_BYTES = 512 * 1024 * 1024;

function typedPixels(bytes: Uint8Array, bits: 8 | 16, signed: boolean): StoredPixels {
  // dcmjs may hand back a view at an odd offset: copy once so 16-bit views are aligned.
  const buffer = bytes.byteOffset % 2 === 0 ? bytes.buffer : bytes.slice().buffer;
  const offset = bytes.byteOffset % 2 === 0 ? bytes.byteOffset : 0;
  if (bits === 8)
    return signed
      ? new Int8Array(buffer, offset, bytes.byteLength)
      : new Uint8Array(buffer, offset, bytes.byteLength);
  const length = Math.floor(bytes.byteLength / 2);
  return signed ? new Int16Array(buffer, offset, length) : new Uint16Array(buffer, offset, length);
}

function minMax(values: StoredPixels): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** Rearranges planar RGB (R plane, G plane, B plane) into interleaved RGB. */
function interleave(planar: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i += 1) {
    out[i * 3] = planar[i]!;
    out[i * 3 + 1] = planar[pixels + i]!;
    out[i * 3 + 2] = planar[2 * pixels + i]!;
  }
  return out;
}

/**
 * Decodes a DICOM Part 10 file with the same parser the api validates uploads with: uncompressed
 * little-endian syntaxes, 8/16-bit, signed or unsigned, greyscale or RGB, single- or multi-frame.
 */
export function decodeDicom(bytes: Uint8Array): DecodedImage {
  const { summary, dataset, pixelData } = inspectDicom(bytes, MAX_BYTES);
  const { rows, columns, frames, samplesPerPixel, bitsAllocated } = summary;
  const signed = summary.pixelRepresentation === 1;
  const perFrame = rows * columns * samplesPerPixel;
  let samples = typedPixels(pixelData, bitsAllocated, signed);
  if (samplesPerPixel === 3 && Number(dataset.PlanarConfiguration) === 1 && samples instanceof Uint8Array) {
    const frameBytes = perFrame;
    const out = new Uint8Array(frameBytes * frames);
    for (let f = 0; f < frames; f += 1)
      out.set(
        interleave(samples.subarray(f * frameBytes, (f + 1) * frameBytes), rows * columns),
        f * frameBytes,
      );
    samples = out;
  }
  const bitsStored = Number(dataset.BitsStored) || bitsAllocated;
  const storedMin = signed ? -(2 ** (bitsAllocated - 1)) : 0;
  const storedMax = signed ? 2 ** (bitsAllocated - 1) - 1 : 2 ** bitsAllocated - 1;
  let defaultWindow =
    summary.windowCenter !== null && summary.windowWidth !== null && summary.windowWidth >= 1
      ? { center: summary.windowCenter, width: summary.windowWidth }
      : null;
  if (!defaultWindow) {
    // No window in the file: span the values actually present (rescaled), like most viewers do.
    const [min, max] = minMax(samples.subarray(0, Math.min(samples.length, perFrame * frames)));
    defaultWindow = fullRangeWindow(
      min * summary.rescaleSlope + summary.rescaleIntercept,
      max * summary.rescaleSlope + summary.rescaleIntercept,
    );
  }
  const data = samples;
  return {
    kind: 'dicom',
    rows,
    columns,
    frames,
    samplesPerPixel,
    frame: (index) => data.subarray(index * perFrame, (index + 1) * perFrame),
    storedMin,
    storedMax,
    rescaleSlope: summary.rescaleSlope,
    rescaleIntercept: summary.rescaleIntercept,
    invert: summary.photometricInterpretation === 'MONOCHROME1',
    defaultWindow,
    pixelSpacingMm: summary.pixelSpacingMm,
    modality: summary.modality,
    bitsStored,
  };
}

/** A PNG or JPEG as RGB samples, with an identity window (0–255) the user can still adjust. */
export function decodedFromRgba(
  kind: 'png' | 'jpeg',
  rgba: Uint8ClampedArray,
  columns: number,
  rows: number,
): DecodedImage {
  const rgb = new Uint8Array(columns * rows * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return {
    kind,
    rows,
    columns,
    frames: 1,
    samplesPerPixel: 3,
    frame: () => rgb,
    storedMin: 0,
    storedMax: 255,
    rescaleSlope: 1,
    rescaleIntercept: 0,
    invert: false,
    defaultWindow: { center: 128, width: 256 },
    pixelSpacingMm: null,
    modality: null,
    bitsStored: 8,
  };
}

/** Decodes PNG/JPEG bytes with the browser's own decoder. */
export async function decodeBitmap(kind: 'png' | 'jpeg', bytes: Uint8Array): Promise<DecodedImage> {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: `image/${kind}` }));
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  bitmap.close();
  return decodedFromRgba(kind, data, bitmap.width, bitmap.height);
}
