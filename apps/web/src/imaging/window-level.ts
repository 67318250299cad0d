/**
 * DICOM window/level (VOI LUT, linear function of PS3.3 C.11.2.1.2.1): a modality value x maps to
 * a display grey level in [0, 255]; values at or below the window's lower edge are black, above its
 * upper edge white. MONOCHROME1 images are shown inverted (high values dark).
 */
export function windowLevel(x: number, center: number, width: number): number {
  const w = Math.max(1, width);
  const c = center - 0.5;
  const half = (w - 1) / 2;
  if (x <= c - half) return 0;
  if (x > c + half) return 255;
  if (w === 1) return 255;
  return Math.round(((x - c) / (w - 1) + 0.5) * 255);
}

export interface LutInput {
  /** Smallest and largest stored pixel value the LUT must cover (e.g. 0 and 65535 for unsigned 16 bit). */
  storedMin: number;
  storedMax: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  center: number;
  width: number;
  invert: boolean;
}

/**
 * One table from stored value to grey level, so rendering a frame is one lookup per pixel.
 * Index = stored value − storedMin.
 */
export function buildLut(input: LutInput): Uint8Array {
  const size = input.storedMax - input.storedMin + 1;
  const lut = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) {
    const modality = (i + input.storedMin) * input.rescaleSlope + input.rescaleIntercept;
    const grey = windowLevel(modality, input.center, input.width);
    lut[i] = input.invert ? 255 - grey : grey;
  }
  return lut;
}

/** The window that shows every value from min to max (a default when the file states none). */
export function fullRangeWindow(min: number, max: number): { center: number; width: number } {
  return { center: (min + max + 1) / 2, width: Math.max(1, max - min + 1) };
}
