import type { Alarm } from '@teleconsult/clinical';
import type { ReactNode } from 'react';
import { AlarmList } from './alarm-list';
import { News2Badge } from './news2-badge';
import { LinkLostBanner, TileVitals } from './tile-vitals';
import { type StationBedView, urgency } from './station-view';
import './station.css';

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
  const linkLost = bed.alarms.some((a) => a.key === 'tech.linkLost');
  const stale = !bed.vitals || linkLost;
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
      {linkLost ? <LinkLostBanner where="at the bedside" /> : null}
      <TileVitals vitals={bed.vitals} video={video} withTemperature={true} />
      {strip ? <div className="bed-tile__strip">{strip}</div> : null}
      <AlarmList
        alarms={bed.alarms}
        {...(onAcknowledge ? { onAcknowledge } : {})}
        {...(onSilence ? { onSilence } : {})}
      />
    </article>
  );
}
