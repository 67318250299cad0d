import type { Alarm } from '@teleconsult/clinical';
import type { ReactNode } from 'react';
import { AlarmList } from './alarm-list';
import { News2Badge } from './news2-badge';
import { type StationBedView, urgency } from './station-view';
import './station.css';

const show = (value: number | undefined, digits = 0) => (value === undefined ? '–' : value.toFixed(digits));

/**
 * One bed on the central station: video, numerics, NEWS2, a waveform strip, and its alarms. A lost
 * link greys the picture and numerics and says so in words: old values must not pass for current.
 */
export function BedTile({
  bed,
  video,
  strip,
  onFocus,
  onAcknowledge,
  onSilence,
}: {
  bed: StationBedView;
  video?: ReactNode;
  strip?: ReactNode;
  onFocus?: () => void;
  onAcknowledge?: (alarm: Alarm) => void;
  onSilence?: (alarm: Alarm) => void;
}) {
  const v = bed.vitals;
  const linkLost = bed.alarms.some((a) => a.key === 'tech.linkLost');
  const stale = !v || linkLost;
  return (
    <article
      className={`bed-tile bed-tile--urgency-${urgency(bed)}${stale ? ' bed-tile--stale' : ''}${linkLost ? ' bed-tile--link-lost' : ''}`}
      data-testid="bed-tile"
      data-bed={bed.bedId}
    >
      <header className="bed-tile__head">
        <button type="button" className="bed-tile__label" onClick={onFocus}>
          {bed.label}
        </button>
        <span className="bed-tile__patient">{bed.patientName ?? 'No patient'}</span>
        <News2Badge news2={bed.news2} />
      </header>
      {linkLost ? (
        <p className="bed-tile__link-lost" role="alert" data-testid="link-lost">
          No data — check the patient at the bedside
        </p>
      ) : null}
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
          <div className="numeric numeric--temp">
            <dt>T °C</dt>
            <dd>{show(v?.temperature, 1)}</dd>
          </div>
        </dl>
      </div>
      {strip ? <div className="bed-tile__strip">{strip}</div> : null}
      <AlarmList
        alarms={bed.alarms}
        {...(onAcknowledge ? { onAcknowledge } : {})}
        {...(onSilence ? { onSilence } : {})}
      />
    </article>
  );
}
