import type { Alarm } from '@teleconsult/clinical';
import type { WardKind } from '@teleconsult/protocol';
import type { BedWaveforms } from '../../client/station-client';
import { STRIP_STYLES } from '../../station/strip-styles';
import { WaveformStrip } from '../waveform-strip';
import { AmbulanceTile } from './ambulance-tile';
import { BedTile } from './bed-tile';
import { BedVideo } from './bed-video';
import type { StationBed } from './station-bed';
import { StationAlarmBar } from './station-alarm-bar';
import { stationAlarms } from './station-alarms';
import './station.css';

export interface StationBoardProps {
  kind: WardKind;
  /** In station order (most urgent first). */
  beds: StationBed[];
  videoTracks: Record<string, MediaStreamTrack>;
  waveformsOf: (bedId: string) => BedWaveforms;
  now: number;
  onFocus: (bedId: string) => void;
  onAcknowledge: (bedId: string, alarm: Alarm) => void;
  onSilence: (bedId: string, alarm: Alarm) => void;
}

/**
 * The station's main view: the alarm bar, then a tile per bed (or per ambulance on the emergency
 * department's board). Waveforms are painted from buffers by the shared painter, outside React.
 */
export function StationBoard({
  kind,
  beds,
  videoTracks,
  waveformsOf,
  now,
  onFocus,
  onAcknowledge,
  onSilence,
}: StationBoardProps) {
  const alarms = stationAlarms(beds.map((b) => b.view));
  return (
    <>
      <StationAlarmBar
        alarms={alarms}
        now={now}
        onAcknowledge={(entry) => onAcknowledge(entry.bedId, entry.alarm)}
        onSilence={(entry) => onSilence(entry.bedId, entry.alarm)}
        onOpenBed={onFocus}
      />
      {beds.length === 0 ? <p className="station__empty">No beds on this ward yet.</p> : null}
      <div className={`station-grid station-grid--${kind}`} data-testid="station-grid">
        {beds.map(({ bed, view }) => {
          const track = videoTracks[bed.id] ?? null;
          const video = (
            <button
              type="button"
              className="bed-tile__open"
              onClick={() => onFocus(bed.id)}
              aria-label={`Open ${view.label}`}
            >
              <BedVideo track={track} label={`Camera of ${view.label}`} testId={`bed-video-${bed.id}`} />
              {track ? null : <span className="bed-tile__novideo">No video</span>}
            </button>
          );
          const strip = (
            <WaveformStrip
              buffer={waveformsOf(bed.id).ecg}
              style={STRIP_STYLES.ecg}
              label={`ECG II of ${view.label}`}
              height={40}
            />
          );
          const handlers = {
            onFocus: () => onFocus(bed.id),
            onAcknowledge: (alarm: Alarm) => onAcknowledge(bed.id, alarm),
            onSilence: (alarm: Alarm) => onSilence(bed.id, alarm),
          };
          return bed.kind === 'ambulance' ? (
            <AmbulanceTile key={bed.id} bed={bed} now={now} video={video} strip={strip} {...handlers} />
          ) : (
            <BedTile key={bed.id} bed={view} video={video} strip={strip} {...handlers} />
          );
        })}
      </div>
    </>
  );
}
