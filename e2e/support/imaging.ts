import { makeDicom } from '@teleconsult/imaging';
import type { Page } from '@playwright/test';

/** Flat regions (where pixel samples are compared) and the frame-dependent lesion of the phantom. */
export const PHANTOM = {
  columns: 320,
  rows: 256,
  frames: 12,
  pixelSpacingMm: [0.25, 0.25] as [number, number],
  /** A constant disc: the same stored value on every frame. */
  reference: { x: 250, y: 70, r: 22, value: 2600 },
  /** A disc whose brightness rises with the frame, so each frame renders differently. */
  lesion: { x: 150, y: 150, r: 26, value: (frame: number) => 700 + frame * 180 },
};

const hash = (x: number, y: number, f: number) => {
  let h = (x * 374761393 + y * 668265263 + f * 2147483647) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967295;
};

/**
 * A synthetic multi-frame ultrasound-like DICOM, made here (no downloaded files): a fan-shaped
 * field with speckle and layered tissue, a flat reference disc and a lesion that brightens frame by
 * frame. 12-bit, 0.25 mm pixels.
 */
export function phantomDicom(): Buffer {
  const { columns, rows, frames, reference, lesion } = PHANTOM;
  const apex = { x: columns / 2, y: -20 };
  const bytes = makeDicom({
    rows,
    columns,
    frames,
    modality: 'US',
    pixelSpacing: PHANTOM.pixelSpacingMm,
    windowCenter: 1500,
    windowWidth: 3000,
    pixel: (x, y, frame) => {
      if (Math.hypot(x - reference.x, y - reference.y) <= reference.r) return reference.value;
      if (Math.hypot(x - lesion.x, y - lesion.y) <= lesion.r) return lesion.value(frame);
      const angle = Math.atan2(x - apex.x, y - apex.y);
      const depth = Math.hypot(x - apex.x, y - apex.y);
      if (Math.abs(angle) > 0.62 || depth > 290 || depth < 40) return 0;
      const layers = 900 + 500 * Math.sin(depth / 14) ** 2 + (depth > 200 ? 600 : 0);
      return layers * (0.55 + 0.9 * hash(x, y, frame)) * Math.exp(-depth / 600);
    },
  });
  return Buffer.from(bytes);
}

export interface ViewerDebug {
  state: {
    imageId: string | null;
    frame: number;
    windowCenter: number;
    windowWidth: number;
    zoom: number;
    panX: number;
    panY: number;
    measurements: { lengthMm: number | null; frame: number }[];
  };
  presenting: boolean;
  imageId: string;
}

/** The viewer state a page shows (its read-only debug handle). */
export const viewerState = (page: Page) =>
  page.evaluate(() => {
    const debug = (window as unknown as { __imagingViewer?: ViewerDebug }).__imagingViewer;
    return debug ? { ...debug.state, presenting: debug.presenting } : null;
  });

/** The rendered canvas pixel (RGB) at an image point, on that page's own screen geometry. */
export const viewerPixel = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([px, py]) =>
      (
        window as unknown as { __imagingViewer?: { sampleAt(x: number, y: number): number[] | null } }
      ).__imagingViewer?.sampleAt(px!, py!) ?? null,
    [x, y],
  );

/**
 * Replaces getDisplayMedia with a canvas source of a fixed size, so "share a screen" publishes a
 * known picture: fine detail (a 1-pixel grid and text) plus a frame counter, drawn every frame.
 * The counter is also written as 16 black/white blocks along the top edge, readable after video
 * coding; `window.__imagingSource.sent` maps each counter value to the time it was drawn.
 */
export async function installCanvasImagingSource(
  page: Page,
  width: number,
  height: number,
  fps = 30,
): Promise<void> {
  await page.addInitScript(
    ([w, h, rate]) => {
      const sent = new Map<number, number>();
      (window as unknown as { __imagingSource: unknown }).__imagingSource = { sent };
      navigator.mediaDevices.getDisplayMedia = async () => {
        const canvas = document.createElement('canvas');
        canvas.width = w!;
        canvas.height = h!;
        const context = canvas.getContext('2d')!;
        let counter = 0;
        const draw = () => {
          counter += 1;
          context.fillStyle = '#101418';
          context.fillRect(0, 0, w!, h!);
          context.strokeStyle = '#3a4a52';
          context.lineWidth = 1;
          for (let x = 0.5; x < w!; x += 8) {
            context.beginPath();
            context.moveTo(x, 40);
            context.lineTo(x, h!);
            context.stroke();
          }
          for (let y = 40.5; y < h!; y += 8) {
            context.beginPath();
            context.moveTo(0, y);
            context.lineTo(w!, y);
            context.stroke();
          }
          context.fillStyle = '#d8e0e4';
          context.font = '14px monospace';
          context.fillText(`imaging source ${w}x${h} frame ${counter}`, 20, 70);
          const sweep = (counter * 4) % w!;
          context.fillStyle = '#6fd0ff';
          context.fillRect(sweep, h! / 2 - 30, 6, 60);
          // The counter as 16 blocks (bit 15 first), 32 px wide and 32 px tall.
          const block = Math.floor(w! / 20);
          for (let bit = 0; bit < 16; bit += 1) {
            context.fillStyle = counter & (1 << (15 - bit)) ? '#ffffff' : '#000000';
            context.fillRect(bit * block + block / 2, 0, block, 32);
          }
          sent.set(counter, performance.timeOrigin + performance.now());
        };
        draw();
        setInterval(draw, 1000 / rate!);
        return canvas.captureStream(rate);
      };
    },
    [width, height, fps],
  );
}
