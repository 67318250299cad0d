import { type FormEvent, useEffect, useState } from 'react';
import type { DeviceCheck, JoinLinkInfo } from '@teleconsult/protocol';
import type { MediaPreview } from '../../hooks/use-media-preview/use-media-preview';
import { useMicLevel } from '../../hooks/use-mic-level/use-mic-level';
import { AppHeader } from '../app-header';
import { VideoTile } from '../video-tile';
import { type NetworkResult, probeNetwork } from './network-probe';
import { playTone } from './play-tone';
import { type Finding, summarise } from './precall-verdict';
import './precall.css';

interface PrecallCheckProps {
  token: string;
  info: JoinLinkInfo;
  media: MediaPreview;
  name: string;
  onNameChange: (name: string) => void;
  onJoin: (check: DeviceCheck) => void;
}

function cameraOf(media: MediaPreview): DeviceCheck['camera'] {
  if (media.status === 'ready') return media.stream?.getVideoTracks().length ? 'ok' : 'missing';
  if (media.status === 'denied') return 'blocked';
  if (media.status === 'no-device') return 'missing';
  return 'untested';
}

function microphoneOf(media: MediaPreview, heard: boolean): DeviceCheck['microphone'] {
  if (media.status === 'ready') {
    if (!media.stream?.getAudioTracks().length) return 'missing';
    return heard ? 'ok' : 'silent';
  }
  if (media.status === 'denied') return 'blocked';
  if (media.status === 'no-device') return 'missing';
  return 'untested';
}

const LEVEL_LABEL = { good: 'OK', fair: 'Check', poor: 'Problem', unknown: '…' } as const;

/**
 * The patient's pre-call check: camera preview, microphone meter, a speaker tone, and the
 * connection to the server, each explained in plain words before joining the waiting room.
 */
export function PrecallCheck({ token, info, media, name, onNameChange, onJoin }: PrecallCheckProps) {
  const mic = useMicLevel(media.stream);
  const [speaker, setSpeaker] = useState<DeviceCheck['speaker']>('untested');
  const [playing, setPlaying] = useState(false);
  const [played, setPlayed] = useState(false);
  const [network, setNetwork] = useState<NetworkResult | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void probeNetwork(token).then((result) => !cancelled && setNetwork(result));
    return () => {
      cancelled = true;
    };
  }, [token]);

  const check: DeviceCheck = {
    camera: cameraOf(media),
    microphone: microphoneOf(media, mic.heard),
    speaker,
    network: network ?? { rttMs: null, uplinkKbps: null },
  };
  const { findings } = summarise(check);
  const rows: Array<{ label: string; finding: Finding; pending?: boolean }> = [
    { label: 'Camera', finding: findings[0]!, pending: media.status === 'requesting' },
    { label: 'Microphone', finding: findings[1]!, pending: media.status === 'requesting' },
    { label: 'Speaker', finding: findings[2]! },
    { label: 'Connection', finding: findings[3]!, pending: network === null },
  ];

  const test = async () => {
    setPlaying(true);
    await playTone().catch(() => undefined);
    setPlaying(false);
    setPlayed(true);
  };

  const join = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setNameError('Enter your name so the clinician knows who is joining.');
    if (/[<>]/.test(name)) return setNameError('Your name cannot contain < or >.');
    setNameError(null);
    onJoin(check);
  };

  return (
    <div className="page">
      <AppHeader />
      <main className="join">
        <section className="card join__intro">
          <p className="eyebrow">Video consultation</p>
          <h1>{info.consultTitle}</h1>
          <p>
            with <strong>{info.clinicianName}</strong>
          </p>
          <ul className="precall__results" data-testid="precall-results">
            {rows.map(({ label, finding, pending }) => (
              <li key={label} className={`precall__row precall__row--${pending ? 'unknown' : finding.level}`}>
                <span className="precall__label">
                  {label}
                  <span className="precall__badge">{pending ? 'Testing…' : LEVEL_LABEL[finding.level]}</span>
                </span>
                <span className="small" data-testid={`precall-${label.toLowerCase()}`}>
                  {pending ? 'Testing…' : finding.text}
                </span>
              </li>
            ))}
          </ul>
          <form onSubmit={join} noValidate>
            <label className="field">
              <span>Your name</span>
              <input
                data-testid="join-name"
                autoComplete="name"
                maxLength={80}
                value={name}
                onChange={(e) => onNameChange(e.target.value)}
              />
            </label>
            {nameError ? (
              <p className="form-error" role="alert">
                {nameError}
              </p>
            ) : null}
            <button
              className="button button--primary button--large"
              data-testid="join-submit"
              type="submit"
              disabled={media.status === 'requesting'}
            >
              {media.status === 'requesting' ? 'Waiting for your camera…' : 'Join waiting room'}
            </button>
            <p className="muted small">
              Your camera and microphone are only used during the call. Nothing is recorded.
            </p>
          </form>
        </section>
        <section className="card join__preview">
          <h2>Check your camera and sound</h2>
          {media.problem ? (
            <p className="form-error" role="alert">
              {media.problem}
            </p>
          ) : null}
          <VideoTile
            track={media.stream?.getVideoTracks()[0] ?? null}
            label={name || 'You'}
            testId="local-preview"
            mirrored
            className="tile--preview"
          />
          <div className="precall__meter" aria-label="Microphone level">
            <span className="small">Microphone</span>
            <meter min={0} max={0.3} value={mic.level} data-testid="mic-meter" />
            <span className="small muted">{mic.heard ? 'We can hear you' : 'Say something'}</span>
          </div>
          <div className="precall__speaker">
            <button
              type="button"
              className="button"
              data-testid="play-tone"
              onClick={() => void test()}
              disabled={playing}
            >
              {playing ? 'Playing…' : 'Play test sound'}
            </button>
            {played ? (
              <span className="precall__heard">
                Did you hear it?
                <button
                  type="button"
                  className="button"
                  data-testid="heard-tone"
                  aria-pressed={speaker === 'heard'}
                  onClick={() => setSpeaker('heard')}
                >
                  Yes
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="not-heard-tone"
                  aria-pressed={speaker === 'not-heard'}
                  onClick={() => setSpeaker('not-heard')}
                >
                  No
                </button>
              </span>
            ) : null}
          </div>
        </section>
      </main>
    </div>
  );
}
