import type { WaveformBuffer } from './waveform-buffer';

export interface StripStyle {
  colour: string;
  /** Values shown at the bottom and the top of the strip. */
  min: number;
  max: number;
  lineWidth?: number;
}

/**
 * Draws a buffer as a monitor sweep: the trace is written left to right in place, with a short
 * erase bar ahead of the newest sample — no scrolling of old pixels, so 32 strips redraw cheaply.
 */
export function paintStrip(
  context: CanvasRenderingContext2D,
  buffer: WaveformBuffer,
  style: StripStyle,
): void {
  const { width, height } = context.canvas;
  const n = buffer.samples.length;
  const xOf = (i: number) => (i / n) * width;
  const yOf = (v: number) => height - ((v - style.min) / (style.max - style.min)) * height;
  context.clearRect(0, 0, width, height);
  context.strokeStyle = style.colour;
  context.lineWidth = style.lineWidth ?? 1.5;
  context.lineJoin = 'round';
  const gap = Math.max(2, Math.round(n * 0.03));
  context.beginPath();
  let drawing = false;
  for (let i = 0; i < n; i += 1) {
    // The erase bar: the samples just ahead of the write position are the oldest; leave them blank.
    const ahead = (i - buffer.writeIndex + n) % n;
    const value = buffer.samples[i]!;
    if (ahead < gap || Number.isNaN(value)) {
      drawing = false;
      continue;
    }
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
