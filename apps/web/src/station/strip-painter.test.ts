import { describe, expect, it } from 'vitest';
import { paintStrip } from './strip-painter';
import { WaveformBuffer } from './waveform-buffer';

/** A canvas context that records the path instead of drawing it. */
function recordingContext(width = 100, height = 50) {
  const calls: Array<[string, number, number]> = [];
  const clears: Array<[number, number]> = [];
  const context = {
    canvas: { width, height },
    clearRect: (x: number, _y: number, w: number) => clears.push([x, w]),
    beginPath: () => undefined,
    stroke: () => undefined,
    moveTo: (x: number, y: number) => calls.push(['move', x, y]),
    lineTo: (x: number, y: number) => calls.push(['line', x, y]),
  } as unknown as CanvasRenderingContext2D;
  return { context, calls, clears };
}

describe('paintStrip', () => {
  it('maps values to the strip height and breaks the line at gaps and at the erase bar', () => {
    const buffer = new WaveformBuffer(100, 1); // 100 samples, erase bar of 3
    buffer.push(
      0,
      Array.from({ length: 40 }, () => 1),
    );
    buffer.push(
      500,
      Array.from({ length: 20 }, () => -1),
    ); // 100 ms gap (10 samples)
    const { context, calls } = recordingContext();
    paintStrip(context, buffer, { colour: '#0f0', min: -1, max: 1 });
    const moves = calls.filter(([kind]) => kind === 'move');
    expect(moves).toHaveLength(2); // one segment before the gap, one after
    expect(moves[0]).toEqual(['move', 0, 0]); // value 1 at the top
    expect(moves[1]).toEqual(['move', 50, 50]); // value -1 at the bottom, after the gap
    // Nothing drawn in the erase bar right after the newest sample (index 70).
    expect(calls.some(([, x]) => x >= 70 && x < 73)).toBe(false);
  });

  it('clamps values outside the scale instead of drawing off the strip', () => {
    const buffer = new WaveformBuffer(10, 1);
    buffer.push(0, [5, -5]);
    const { context, calls } = recordingContext(10, 20);
    paintStrip(context, buffer, { colour: '#0f0', min: 0, max: 1 });
    expect(calls.map(([, , y]) => y)).toEqual([0, 20]);
  });

  it('draws only the samples that arrived since the last frame, and nothing when none did', () => {
    const buffer = new WaveformBuffer(100, 1); // 100 samples over 100 px, erase bar of 3
    buffer.push(
      0,
      Array.from({ length: 50 }, () => 0),
    );
    const { context, calls, clears } = recordingContext();
    paintStrip(context, buffer, { colour: '#0f0', min: -1, max: 1 });
    calls.length = 0;
    clears.length = 0;

    paintStrip(context, buffer, { colour: '#0f0', min: -1, max: 1 });
    expect(calls).toEqual([]); // an idle frame costs nothing
    expect(clears).toEqual([]);

    buffer.push(500, [1, 1, 1, 1, 1]);
    paintStrip(context, buffer, { colour: '#0f0', min: -1, max: 1 });
    // The newest sample before them joins the line, then the five new ones.
    expect(calls.map(([, x]) => x)).toEqual([49, 50, 51, 52, 53, 54]);
    // Cleared: the new samples' columns and the erase bar ahead (indices 50..57).
    expect(clears).toEqual([[50, 9]]);
  });

  it('wraps at the right edge: the clear and the line restart at the left', () => {
    const buffer = new WaveformBuffer(100, 1);
    buffer.push(
      0,
      Array.from({ length: 98 }, () => 0),
    );
    const { context, calls, clears } = recordingContext();
    paintStrip(context, buffer, { colour: '#0f0', min: -1, max: 1 });
    calls.length = 0;
    clears.length = 0;
    buffer.push(980, [1, 1, 1, 1]); // indices 98, 99, 0, 1
    paintStrip(context, buffer, { colour: '#0f0', min: -1, max: 1 });
    expect(calls.map(([kind, x]) => `${kind}${x}`)).toEqual(['move97', 'line98', 'line99', 'move0', 'line1']);
    expect(clears).toEqual([
      [98, 3],
      [0, 6],
    ]);
  });
});
