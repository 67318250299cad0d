import type { BedView } from '@teleconsult/protocol';
import { useEffect, useRef } from 'react';
import type { StationTalk } from '../../client/station-talk';

/** Plays a remote voice; nothing visible (the caption says who is heard). */
export function RemoteAudio({ track, testId }: { track: MediaStreamTrack; testId: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    void audio.play?.()?.catch(() => undefined);
    return () => {
      audio.srcObject = null;
    };
  }, [track]);
  return <audio ref={ref} autoPlay data-testid={testId} />;
}

/**
 * Talk-down from the focus view: a toggle that opens this station's microphone to the bed's device
 * (and plays the bedside microphone back). One station at a time; an offline bed cannot be called.
 */
export function TalkControl({
  bed,
  talk,
  onTalk,
}: {
  bed: BedView;
  /** This station's talk-down (to any bed), if any. */
  talk: StationTalk | null;
  onTalk: (on: boolean) => void;
}) {
  const mine = talk?.bedId === bed.id ? talk : null;
  const someoneElse = !mine && bed.talk ? bed.talk.clinician : null;
  const label = mine ? (mine.state === 'starting' ? 'Connecting…' : 'Stop talking') : 'Talk to bedside';
  return (
    <div className={`talk-control${mine ? ' talk-control--on' : ''}`} data-testid="talk-control">
      <button
        type="button"
        className="talk-control__button"
        aria-pressed={mine !== null}
        disabled={!mine && (!bed.online || someoneElse !== null)}
        onClick={() => onTalk(mine === null)}
      >
        {label}
      </button>
      <span className="talk-control__status" role="status">
        {mine?.state === 'on'
          ? mine.bedAudio
            ? `Talking to ${bed.label} · hearing the bedside`
            : `Talking to ${bed.label}`
          : someoneElse
            ? `${someoneElse} is talking to this bed`
            : bed.online
              ? ''
              : 'Bedside offline: talk-down unavailable'}
      </span>
      {mine?.bedAudio ? <RemoteAudio track={mine.bedAudio} testId="bedside-audio" /> : null}
    </div>
  );
}
