import type { Alarm } from '@teleconsult/clinical';
import type { BedView } from '@teleconsult/protocol';
import type { ReactNode } from 'react';
import { AlarmList } from './alarm-list';
import { etaClock, formatEta } from './ambulance-eta';
import { News2Badge } from './news2-badge';
import { LinkLostBanner, TileVitals } from './tile-vitals';
import { urgency } from './station-view';
import { toStationBedView } from './station-bed';

const ATMIST: Array<[keyof NonNullable<BedView['handover']>, string]> = [
  ['age', 'Age'],
  ['timeOfOnset', 'Time of onset'],
  ['mechanism', 'Mechanism'],
  ['injuries', 'Injuries / illness'],
  ['signs', 'Signs'],
  ['treatment', 'Treatment'],
];

/** An ambulance on the emergency department's board: call sign, ETA countdown, ATMIST handover. */
export function AmbulanceTile({
  bed,
  now,
  video,
  strip,
  onFocus,
  onAcknowledge,
  onSilence,
}: {
  bed: BedView;
  now: number;
  video?: ReactNode;
  strip?: ReactNode;
  onFocus?: () => void;
  onAcknowledge?: (alarm: Alarm) => void;
  onSilence?: (alarm: Alarm) => void;
}) {
  const handover = bed.handover;
  const eta = handover ? formatEta(handover.eta, now) : null;
  const linkLost = bed.alarms.some((a) => a.key === 'tech.linkLost');
  return (
    <article
      className={`bed-tile ambulance-tile bed-tile--urgency-${urgency(toStationBedView(bed))}${linkLost ? ' bed-tile--stale bed-tile--link-lost' : ''}`}
      data-testid="ambulance-tile"
      data-bed={bed.id}
    >
      <header className="bed-tile__head">
        <button type="button" className="bed-tile__label" onClick={onFocus}>
          {bed.callSign ?? bed.label}
        </button>
        <span className="bed-tile__patient">{bed.admission?.patientName ?? bed.label}</span>
        <News2Badge news2={bed.news2} />
      </header>
      {eta && handover ? (
        <p className={`ambulance-tile__eta ambulance-tile__eta--${eta.state}`} data-testid="eta">
          ETA {etaClock(handover.eta)} · <strong>{eta.text}</strong>
        </p>
      ) : (
        <p className="ambulance-tile__eta muted">No handover yet</p>
      )}
      {linkLost ? <LinkLostBanner where="in the ambulance" /> : null}
      <TileVitals vitals={bed.latest} video={video} withTemperature={false} />
      {strip ? <div className="bed-tile__strip">{strip}</div> : null}
      {handover ? (
        <dl className="atmist" aria-label="ATMIST handover" data-testid="atmist">
          {ATMIST.map(([key, label]) => (
            <div key={key} className="atmist__row">
              <dt>{label}</dt>
              <dd>{handover[key] || '—'}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <AlarmList
        alarms={bed.alarms}
        now={now}
        {...(onAcknowledge ? { onAcknowledge } : {})}
        {...(onSilence ? { onSilence } : {})}
      />
    </article>
  );
}
