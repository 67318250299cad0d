import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { BedsideConnection } from '../client/bedside-client';
import { type CreateBedsideClient, useBedside } from '../hooks/use-bedside/use-bedside';
import '../components/bedside/bedside.css';

/** Where the enrolled device token is kept on the tablet. */
export const DEVICE_TOKEN_KEY = 'teleconsult.bedside.deviceToken';

const CONNECTION_TEXT: Record<BedsideConnection, string> = {
  connecting: 'Connecting…',
  connected: 'Connected to the station',
  reconnecting: 'Reconnecting…',
  failed: 'Not connected',
  closed: 'Closed',
};
const CAMERA_TEXT = {
  off: 'Camera off',
  starting: 'Camera starting…',
  live: 'Camera live to the station',
  failed: 'Camera could not be published',
} as const;

const readToken = () => {
  try {
    return localStorage.getItem(DEVICE_TOKEN_KEY);
  } catch {
    return null;
  }
};

/**
 * A browser bedside unit (a tablet at the bed): enrolled once with the bed's device token, it shows
 * which bed it serves, publishes its camera, and plays a station's talk-down with a banner. It
 * measures no vital signs.
 */
export function BedsidePage({ createClient }: { createClient?: CreateBedsideClient }) {
  const [token, setToken] = useState<string | null>(readToken);
  const snapshot = useBedside(token, createClient);
  const forget = () => {
    localStorage.removeItem(DEVICE_TOKEN_KEY);
    setToken(null);
  };
  if (!token)
    return (
      <div className="bedside-page">
        <Enrol
          onToken={(value) => {
            localStorage.setItem(DEVICE_TOKEN_KEY, value);
            setToken(value);
          }}
        />
      </div>
    );
  const { bed, talk } = snapshot;
  return (
    <div className="bedside-page" data-testid="bedside-page">
      <header className="bedside__head">
        <h1 className="bedside__title" data-testid="bedside-bed">
          {bed ? bed.label : 'Bedside unit'}
        </h1>
        {bed ? (
          <span className="bedside__kind">
            {bed.kind === 'ambulance' ? 'Ambulance unit' : 'Bedside unit'}
          </span>
        ) : null}
        <span
          className={`bedside__connection bedside__connection--${snapshot.connection}`}
          data-testid="bedside-connection"
          data-state={snapshot.connection}
        >
          {CONNECTION_TEXT[snapshot.connection]}
        </span>
      </header>
      {talk ? <TalkBanner clinician={talk.clinician} track={talk.track} /> : null}
      {snapshot.error ? (
        <p className="bedside__error" role="alert">
          {snapshot.error.message}
        </p>
      ) : null}
      <div className="bedside__main">
        <div className="bedside__camera">
          <LocalPreview stream={snapshot.localStream} />
          <span className="bedside__camera-state" data-testid="bedside-camera" data-state={snapshot.camera}>
            {CAMERA_TEXT[snapshot.camera]}
            {snapshot.media && snapshot.media !== 'connected' ? ` · link ${snapshot.media}` : ''}
          </span>
        </div>
        <aside className="bedside__side">
          <p>
            This tablet sends the bed’s camera to the ICU station. Its microphone is on only while a station
            is talking to this bed.
          </p>
          <p data-testid="bedside-no-vitals">
            It does not measure vital signs: the bedside monitor measures them and remains the primary alarm.
          </p>
          <button type="button" className="bedside__forget" onClick={forget}>
            Forget this device token
          </button>
        </aside>
      </div>
    </div>
  );
}

function Enrol({ onToken }: { onToken: (token: string) => void }) {
  const [value, setValue] = useState('');
  const trimmed = value.trim();
  const valid = trimmed.length >= 16 && trimmed.length <= 256;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onToken(trimmed);
  };
  return (
    <form className="bedside__form" onSubmit={submit} data-testid="bedside-enrol">
      <h1 className="bedside__title">Set up this bedside unit</h1>
      <p>
        Paste the device token an administrator issued for this bed (ICU admin → bed → device token). It is
        kept on this tablet; a new token for the bed cuts this one off.
      </p>
      <label htmlFor="device-token">Device token</label>
      <textarea
        id="device-token"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" disabled={!valid}>
        Connect this tablet
      </button>
    </form>
  );
}

/** The station's voice, loud and announced; a tap brings the sound if the browser blocked autoplay. */
function TalkBanner({ clinician, track }: { clinician: string; track: MediaStreamTrack | null }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track)
      void element
        .play?.()
        ?.then(() => setBlocked(false))
        .catch(() => setBlocked(true));
  }, [track]);
  return (
    <div className="bedside__talk" role="status" aria-live="assertive" data-testid="talk-banner">
      <span>Station is talking — {clinician}</span>
      {blocked ? (
        <button type="button" onClick={() => void audio.current?.play().then(() => setBlocked(false))}>
          Tap to hear the station
        </button>
      ) : null}
      <audio ref={audio} autoPlay data-testid="station-audio" />
    </div>
  );
}

function LocalPreview({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play?.()?.catch(() => undefined);
  }, [stream]);
  return <video ref={ref} muted autoPlay playsInline aria-label="This tablet’s camera" />;
}
