import type { TrendPoint } from '@teleconsult/protocol';
import { type TrendKey, trendPath } from './trend-paths';

const ROWS: Array<{
  label: string;
  min: number;
  max: number;
  lines: Array<{ key: TrendKey; colour: string }>;
}> = [
  { label: 'HR /min', min: 30, max: 180, lines: [{ key: 'heartRate', colour: '#3ddc84' }] },
  { label: 'SpO₂ %', min: 80, max: 100, lines: [{ key: 'spo2', colour: '#4fc3f7' }] },
  { label: 'RR /min', min: 0, max: 40, lines: [{ key: 'respiratoryRate', colour: '#fff176' }] },
  {
    label: 'BP mmHg',
    min: 30,
    max: 200,
    lines: [
      { key: 'systolic', colour: '#ef9a9a' },
      { key: 'diastolic', colour: '#c77c7c' },
    ],
  },
  { label: 'NEWS2', min: 0, max: 12, lines: [{ key: 'news2', colour: '#ffd08a' }] },
];
const WIDTH = 600;
const ROW_HEIGHT = 46;

/** The last hours of a bed's minute trends, one small panel per parameter on a shared time axis. */
export function TrendChart({ points, hours, now }: { points: TrendPoint[]; hours: number; now: number }) {
  const from = now - hours * 3_600_000;
  const range = { from, to: now };
  return (
    <figure className="trend-chart" data-testid="trend-chart">
      {ROWS.map((row) => (
        <div key={row.label} className="trend-chart__row">
          <span className="trend-chart__label">
            {row.label}
            <span className="trend-chart__scale">
              {row.min}–{row.max}
            </span>
          </span>
          <svg
            viewBox={`0 0 ${WIDTH} ${ROW_HEIGHT}`}
            preserveAspectRatio="none"
            className="trend-chart__svg"
            role="img"
            aria-label={`${row.label} over the last ${hours} h`}
          >
            {[1, 2, 3].map((q) => (
              <line
                key={q}
                x1={(WIDTH * q) / 4}
                x2={(WIDTH * q) / 4}
                y1={0}
                y2={ROW_HEIGHT}
                className="trend-chart__grid"
              />
            ))}
            {row.lines.map((line) => (
              <path
                key={line.key}
                d={trendPath(
                  points,
                  line.key,
                  { ...range, min: row.min, max: row.max },
                  { width: WIDTH, height: ROW_HEIGHT },
                )}
                stroke={line.colour}
                fill="none"
                strokeWidth={1.5}
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </svg>
        </div>
      ))}
      <figcaption className="trend-chart__axis">
        <span>−{hours} h</span>
        <span>now</span>
      </figcaption>
    </figure>
  );
}
