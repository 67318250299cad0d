import { describe, expect, it } from 'vitest';
import { formatLength, measureLength } from './measurement';
import { imageToScreen, panForZoomAt, scaleOf, screenToImage } from './viewport-transform';
import { buildLut, fullRangeWindow, windowLevel } from './window-level';

describe('windowLevel (DICOM linear VOI)', () => {
  it('maps the window edges to black and white and the centre to mid grey', () => {
    // Centre 40, width 400 (a CT soft-tissue window): −160 … 240 spans the greys.
    expect(windowLevel(-1000, 40, 400)).toBe(0);
    expect(windowLevel(-160, 40, 400)).toBe(0);
    expect(windowLevel(40, 40, 400)).toBe(128);
    expect(windowLevel(240, 40, 400)).toBe(255);
    expect(windowLevel(3000, 40, 400)).toBe(255);
  });

  it('is monotonic inside the window', () => {
    const values = Array.from({ length: 401 }, (_, i) => windowLevel(i - 160, 40, 400));
    for (let i = 1; i < values.length; i += 1) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
  });

  it('treats width 1 as a threshold at the centre', () => {
    expect(windowLevel(99, 100, 1)).toBe(0);
    expect(windowLevel(100, 100, 1)).toBe(255);
  });
});

describe('buildLut', () => {
  it('applies rescale slope/intercept before the window (CT: HU = stored − 1024)', () => {
    const lut = buildLut({
      storedMin: 0,
      storedMax: 4095,
      rescaleSlope: 1,
      rescaleIntercept: -1024,
      center: 40,
      width: 400,
      invert: false,
    });
    expect(lut[1024 + 40]).toBe(128); // 40 HU
    expect(lut[0]).toBe(0); // −1024 HU (air)
    expect(lut[1024 + 1000]).toBe(255); // bone
  });

  it('covers signed values and inverts MONOCHROME1', () => {
    const lut = buildLut({
      storedMin: -32768,
      storedMax: 32767,
      rescaleSlope: 1,
      rescaleIntercept: 0,
      center: 0,
      width: 200,
      invert: true,
    });
    expect(lut.length).toBe(65536);
    expect(lut[-200 + 32768]).toBe(255);
    expect(lut[200 + 32768]).toBe(0);
  });

  it('fullRangeWindow spans min to max', () => {
    expect(fullRangeWindow(0, 4095)).toEqual({ center: 2048, width: 4096 });
  });
});

describe('measureLength', () => {
  it('uses PixelSpacing as [row spacing, column spacing]', () => {
    // 30 columns across at 0.5 mm per column, 40 rows down at 0.25 mm per row.
    const { lengthMm, lengthPx } = measureLength({ x: 0, y: 0 }, { x: 30, y: 40 }, [0.25, 0.5]);
    expect(lengthPx).toBe(50);
    expect(lengthMm).toBeCloseTo(Math.hypot(15, 10), 10);
    expect(measureLength({ x: 0, y: 0 }, { x: 10, y: 0 }, [0.25, 0.5]).lengthMm).toBe(5);
    expect(measureLength({ x: 0, y: 0 }, { x: 0, y: 10 }, [0.25, 0.5]).lengthMm).toBe(2.5);
  });

  it('reports pixels when the image has no spacing', () => {
    expect(measureLength({ x: 1, y: 1 }, { x: 4, y: 5 }, null)).toEqual({ lengthPx: 5, lengthMm: null });
    expect(formatLength({ lengthPx: 5, lengthMm: null })).toBe('5.0 px');
    expect(formatLength({ lengthPx: 5, lengthMm: 23.456 })).toBe('23.5 mm');
    expect(formatLength({ lengthPx: 5, lengthMm: 123.4 })).toBe('12.3 cm');
  });
});

describe('viewport transform', () => {
  const view = { columns: 200, rows: 100, zoom: 1, panX: 0, panY: 0 };
  const viewport = { width: 800, height: 800 };

  it('fits the image and centres it', () => {
    expect(scaleOf(view, viewport)).toBe(4);
    expect(imageToScreen({ x: 100, y: 50 }, view, viewport)).toEqual({ x: 400, y: 400 });
    expect(imageToScreen({ x: 0, y: 0 }, view, viewport)).toEqual({ x: 0, y: 200 });
  });

  it('round-trips through zoom and pan', () => {
    const zoomed = { ...view, zoom: 2.5, panX: 13, panY: -7 };
    const screen = imageToScreen({ x: 33, y: 71 }, zoomed, viewport);
    const back = screenToImage(screen, zoomed, viewport);
    expect(back.x).toBeCloseTo(33, 10);
    expect(back.y).toBeCloseTo(71, 10);
  });

  it('pan is in image pixels, so screens of different sizes centre the same point', () => {
    const panned = { ...view, zoom: 3, panX: 20, panY: 10 };
    for (const size of [
      { width: 400, height: 300 },
      { width: 1600, height: 900 },
    ]) {
      const centre = screenToImage({ x: size.width / 2, y: size.height / 2 }, panned, size);
      expect(centre).toEqual({ x: 120, y: 60 });
    }
  });

  it('zooming at a point keeps that image point under the cursor', () => {
    const cursor = { x: 600, y: 300 };
    const before = screenToImage(cursor, view, viewport);
    const pan = panForZoomAt(cursor, 4, view, viewport);
    const after = screenToImage(cursor, { ...view, zoom: 4, ...pan }, viewport);
    expect(after.x).toBeCloseTo(before.x, 10);
    expect(after.y).toBeCloseTo(before.y, 10);
  });
});
