import { makeDicom } from '@teleconsult/imaging';
import { describe, expect, it } from 'vitest';
import { decodeDicom, decodedFromRgba } from './decoded-image';
import { renderFrame } from './render-frame';
import { type ImageFacts, initialViewerState, viewerReducer } from './viewer-state';

describe('decodeDicom + renderFrame', () => {
  // Each frame is flat at its own stored value, so a frame is recognisable by its grey.
  const bytes = makeDicom({
    rows: 4,
    columns: 6,
    frames: 3,
    pixel: (_x, _y, frame) => 1000 + frame * 1000,
    windowCenter: 2000,
    windowWidth: 2000,
    pixelSpacing: [0.3, 0.6],
  });

  it('reads size, frames, window and spacing', () => {
    const image = decodeDicom(bytes);
    expect(image).toMatchObject({
      rows: 4,
      columns: 6,
      frames: 3,
      samplesPerPixel: 1,
      defaultWindow: { center: 2000, width: 2000 },
      pixelSpacingMm: [0.3, 0.6],
      modality: 'US',
    });
    expect(Array.from(image.frame(2).subarray(0, 3))).toEqual([3000, 3000, 3000]);
  });

  it('renders each frame through the window: below black, centre grey, above white', () => {
    const image = decodeDicom(bytes);
    const grey = (frame: number) => renderFrame(image, frame, 2000, 2000)[0];
    expect(grey(0)).toBe(0); // 1000 is the window's lower edge
    expect(grey(1)).toBe(128);
    expect(grey(2)).toBe(255);
    const rgba = renderFrame(image, 1, 2000, 2000);
    expect(rgba.length).toBe(4 * 6 * 4);
    expect(Array.from(rgba.subarray(0, 4))).toEqual([128, 128, 128, 255]);
  });

  it('falls back to the values present when the file has no window', () => {
    const image = decodeDicom(
      makeDicom({ rows: 2, columns: 2, pixel: (x) => (x ? 400 : 100), windowWidth: 0 }),
    );
    expect(image.defaultWindow).toEqual({ center: 250.5, width: 301 });
  });

  it('refuses a truncated file with the same message the upload gets', () => {
    expect(() => decodeDicom(makeDicom({ truncatePixels: 10 }))).toThrow(/pixel data is/);
  });

  it('applies the window to PNG/JPEG per channel (identity by default)', () => {
    const image = decodedFromRgba('png', new Uint8ClampedArray([10, 20, 30, 255]), 1, 1);
    expect(Array.from(renderFrame(image, 0, 128, 256))).toEqual([10, 20, 30, 255]);
    expect(Array.from(renderFrame(image, 0, 20, 1)).slice(0, 3)).toEqual([0, 255, 255]);
  });
});

describe('viewerReducer', () => {
  const facts: ImageFacts = {
    id: '6f1c1e0a-6a47-4d7c-9d3e-0b6a7f9e2a11',
    rows: 100,
    columns: 200,
    frames: 5,
    defaultWindow: { center: 40, width: 400 },
    pixelSpacingMm: [0.5, 0.5],
  };
  const opened = initialViewerState(facts);

  it('opens at the image defaults', () => {
    expect(viewerReducer(null, { type: 'open', image: facts }, null)).toEqual({
      imageId: facts.id,
      frame: 0,
      windowCenter: 40,
      windowWidth: 400,
      zoom: 1,
      panX: 0,
      panY: 0,
      pointer: null,
      measurements: [],
    });
  });

  it('clamps frames, zoom and window width', () => {
    expect(viewerReducer(opened, { type: 'frame', frame: 99 }, facts)?.frame).toBe(4);
    expect(viewerReducer(opened, { type: 'frameBy', delta: -3 }, facts)?.frame).toBe(0);
    expect(viewerReducer(opened, { type: 'zoom', zoom: 1000 }, facts)?.zoom).toBe(32);
    expect(viewerReducer(opened, { type: 'window', center: 10, width: -5 }, facts)?.windowWidth).toBe(1);
  });

  it('window drag: right widens, up raises the centre', () => {
    const next = viewerReducer(opened, { type: 'windowDrag', dx: 10, dy: -5, sensitivity: 2 }, facts);
    expect(next).toMatchObject({ windowWidth: 420, windowCenter: 50 });
  });

  it('measures in mm on the current frame and keeps at most 32', () => {
    let state = viewerReducer(opened, { type: 'frame', frame: 2 }, facts);
    state = viewerReducer(
      state,
      { type: 'measure', id: 'a', from: { x: 0, y: 0 }, to: { x: 30, y: 40 } },
      facts,
    );
    expect(state?.measurements).toEqual([
      {
        id: 'a',
        imageId: facts.id,
        frame: 2,
        from: { x: 0, y: 0 },
        to: { x: 30, y: 40 },
        lengthPx: 50,
        lengthMm: 25,
      },
    ]);
    for (let i = 0; i < 40; i += 1)
      state = viewerReducer(
        state,
        { type: 'measure', id: `m${i}`, from: { x: 0, y: 0 }, to: { x: 1, y: 0 } },
        facts,
      );
    expect(state?.measurements).toHaveLength(32);
    expect(state?.measurements.at(-1)?.id).toBe('m39');
  });

  it('reset restores the view but keeps the frame and the measurements', () => {
    let state = viewerReducer(
      opened,
      { type: 'measure', id: 'a', from: { x: 0, y: 0 }, to: { x: 1, y: 0 } },
      facts,
    );
    state = viewerReducer(state, { type: 'frame', frame: 3 }, facts);
    state = viewerReducer(state, { type: 'zoom', zoom: 4, panX: 10, panY: 10 }, facts);
    state = viewerReducer(state, { type: 'window', center: 1, width: 2 }, facts);
    expect(viewerReducer(state, { type: 'reset' }, facts)).toMatchObject({
      frame: 3,
      zoom: 1,
      panX: 0,
      windowCenter: 40,
      windowWidth: 400,
      measurements: [expect.objectContaining({ id: 'a' })],
    });
  });

  it('ignores actions for an image other than the open one', () => {
    expect(viewerReducer(opened, { type: 'frame', frame: 2 }, { ...facts, id: 'other' })).toBe(opened);
  });
});
