import type { DecodedImage } from './decoded-image';
import { buildLut } from './window-level';

/**
 * Renders one frame at a window/level into RGBA bytes of the image's own size (the canvas then
 * scales it for zoom and pan). Greyscale goes through one LUT; RGB gets the same LUT per channel,
 * which makes window/level act as contrast and brightness.
 */
export function renderFrame(
  image: DecodedImage,
  frame: number,
  center: number,
  width: number,
  out: Uint8ClampedArray = new Uint8ClampedArray(image.rows * image.columns * 4),
): Uint8ClampedArray {
  const lut = buildLut({
    storedMin: image.storedMin,
    storedMax: image.storedMax,
    rescaleSlope: image.rescaleSlope,
    rescaleIntercept: image.rescaleIntercept,
    center,
    width,
    invert: image.invert,
  });
  const offset = image.storedMin;
  const pixels = image.frame(Math.min(Math.max(0, frame), image.frames - 1));
  const count = image.rows * image.columns;
  if (image.samplesPerPixel === 1) {
    for (let i = 0, o = 0; i < count; i += 1, o += 4) {
      const grey = lut[pixels[i]! - offset]!;
      out[o] = grey;
      out[o + 1] = grey;
      out[o + 2] = grey;
      out[o + 3] = 255;
    }
  } else {
    for (let i = 0, s = 0, o = 0; i < count; i += 1, s += 3, o += 4) {
      out[o] = lut[pixels[s]! - offset]!;
      out[o + 1] = lut[pixels[s + 1]! - offset]!;
      out[o + 2] = lut[pixels[s + 2]! - offset]!;
      out[o + 3] = 255;
    }
  }
  return out;
}
