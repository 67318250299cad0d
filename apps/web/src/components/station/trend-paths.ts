import type { TrendPoint } from '@teleconsult/protocol';

export type TrendKey = Exclude<keyof TrendPoint, 'minute'>;

/**
 * An SVG path of one trend over [from, to]: x by time, y by value within [min, max]; a minute
 * without a value breaks the line instead of bridging it.
 */
export function trendPath(
  points: TrendPoint[],
  key: TrendKey,
  range: { from: number; to: number; min: number; max: number },
  size: { width: number; height: number },
): string {
  const span = Math.max(1, range.to - range.from);
  let d = '';
  let drawing = false;
  for (const point of points) {
    const value = point[key];
    const at = Date.parse(point.minute);
    if (value === null || Number.isNaN(at) || at < range.from || at > range.to) {
      drawing = false;
      continue;
    }
    const x = ((at - range.from) / span) * size.width;
    const clamped = Math.min(range.max, Math.max(range.min, value));
    const y = size.height - ((clamped - range.min) / (range.max - range.min)) * size.height;
    d += `${drawing ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    drawing = true;
  }
  return d;
}
