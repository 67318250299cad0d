import type { WaveformBuffer } from './waveform-buffer';

export interface StripStyle {
  colour: string;
  /** Values shown at the bottom and the top of the strip. */
  min: number;
  max: number;
  lineWidth?: number;
}

/** What a canvas shows: the buffer position it was painted up to, and at which size. */
interface Painted {
  written: number;
  width: number;
  height: number;
}
const painted = new WeakMap<CanvasRenderingContext2D, Painted>();

/**
 * Draws a buffer as a monitor sweep: the trace is written left to right in place, with a short
 * erase bar ahead of the newest sample — no scrolling of old pixels. Like a monitor, it draws only
 * what arrived since the last frame (and clears the erase bar ahead of it); a frame with no new
 * samples costs nothing. A full repaint happens on the first frame, on resize, or after a long gap.
 */
export function paintStrip(
  context: CanvasRenderingContext2D,
  buffer: WaveformBuffer,
  style: StripStyle,
): void {
  const { width, height } = context.canvas;
  const n = buffer.samples.length;
  const gap = Math.max(2, Math.round(n * 0.03));
  const last = painted.get(context);
  const fresh = last ? buffer.written - last.written : n;
  if (last && fresh === 0 && last.width === width && last.height === height) return;
  const full = !last || last.width !== width || last.height !== height || fresh >= n - gap;
  painted.set(context, { written: buffer.written, width, height });

  const xOf = (i: number) => (i / n) * width;
  const yOf = (v: number) => height - ((v - style.min) / (style.max - style.min)) * height;
  context.strokeStyle = style.colour;
  context.lineWidth = style.lineWidth ?? 1.5;
  context.lineJoin = 'round';
  const end = buffer.writeIndex; // one past the newest sample
  // The samples to (re)draw, oldest first, as ring indices; one before the new ones joins the line.
  const first = full ? (end + gap) % n : (end - fresh - 1 + n) % n;
  const count = full ? n - gap : fresh + 1;
  if (full) context.clearRect(0, 0, width, height);
  else {
    // Clear from the first new sample through the erase bar ahead of the newest (wrapping round).
    const from = (end - fresh + n) % n;
    const span = fresh + gap;
    const clear = (a: number, b: number) => {
      const x0 = Math.floor(xOf(a));
      context.clearRect(x0, 0, Math.ceil(xOf(b)) - x0 + 1, height);
    };
    if (from + span <= n) clear(from, from + span);
    else {
      clear(from, n);
      clear(0, from + span - n);
    }
  }
  context.beginPath();
  let drawing = false;
  for (let k = 0; k < count; k += 1) {
    const i = (first + k) % n;
    const value = buffer.samples[i]!;
    // The ring wraps at the right edge: the sweep starts again at the left, not across the strip.
    if (Number.isNaN(value) || (i === 0 && k > 0)) drawing = false;
    if (Number.isNaN(value)) continue;
    const x = xOf(i);
    const y = yOf(Math.min(style.max, Math.max(style.min, value)));
    if (drawing) context.lineTo(x, y);
    else context.moveTo(x, y);
    drawing = true;
  }
  context.stroke();
}

type Painter = () => void;
const painters = new Set<Painter>();
let frame: number | null = null;

/**
 * One requestAnimationFrame loop paints every visible strip: with 32 beds × 3 channels that is one
 * callback per frame, not 96 timers competing.
 */
export function registerPainter(painter: Painter): () => void {
  painters.add(painter);
  if (frame === null) {
    const loop = () => {
      for (const paint of painters) paint();
      frame = painters.size > 0 ? requestAnimationFrame(loop) : null;
    };
    frame = requestAnimationFrame(loop);
  }
  return () => {
    painters.delete(painter);
  };
}
