import type { ReactNode } from 'react';

const show = (value: number | undefined, digits = 0) => (value === undefined ? '–' : value.toFixed(digits));

type TileNumerics = Partial<
  Record<'heartRate' | 'spo2' | 'respiratoryRate' | 'systolic' | 'diastolic' | 'temperature', number>
>;

/** The banner a tile shows while its bedside link is lost: the remote view is blind. */
export function LinkLostBanner({ where }: { where: string }) {
  return (
    <p className="bed-tile__link-lost" role="alert" data-testid="link-lost">
      No data — check the patient {where}
    </p>
  );
}

/** A tile's body: the video thumbnail and the current numerics (temperature where it is measured). */
export function TileVitals({
  vitals,
  video,
  withTemperature,
}: {
  vitals: TileNumerics | null | undefined;
  video: ReactNode;
  withTemperature: boolean;
}) {
  const v = vitals ?? undefined;
  return (
    <div className="bed-tile__body">
      <div className="bed-tile__video">{video ?? <span className="muted small">No video</span>}</div>
      <dl className="bed-tile__numerics">
        <div className="numeric numeric--hr">
          <dt>HR</dt>
          <dd>{show(v?.heartRate)}</dd>
        </div>
        <div className="numeric numeric--spo2">
          <dt>SpO₂</dt>
          <dd>{show(v?.spo2)}</dd>
        </div>
        <div className="numeric numeric--rr">
          <dt>RR</dt>
          <dd>{show(v?.respiratoryRate)}</dd>
        </div>
        <div className="numeric numeric--bp">
          <dt>BP</dt>
          <dd>
            {show(v?.systolic)}/{show(v?.diastolic)}
          </dd>
        </div>
        {withTemperature ? (
          <div className="numeric numeric--temp">
            <dt>T °C</dt>
            <dd>{show(v?.temperature, 1)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
