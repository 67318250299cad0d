import type { ConsultClient, ConsultSnapshot } from '../client/consult-client';
import { ConnectionBadge } from './connection-badge';
import { RemoteAudio } from './remote-audio';
import { roomLayout } from './room-layout';
import './room-grid.css';
import { RoomErrorBanner } from './room-error-banner';
import { VideoTile } from './video-tile';
import './room-aside.css';

interface RoomViewProps {
  title: string;
  snapshot: ConsultSnapshot;
  client: ConsultClient | null;
  localStream: MediaStream | null;
  waitingFor: string;
  onLeave: () => void;
  /** Extra controls (the clinician's "End consult"). */
  actions?: React.ReactNode;
  /** Side panel: chat for everyone; waiting room and notes for clinicians. */
  aside?: React.ReactNode;
  /** Imaging (live sources, the shared viewer): takes the stage when active. */
  imaging?: React.ReactNode;
}

/** The consult room shared by clinician and patient: the other person large, oneself small. */
export function RoomView({
  title,
  snapshot,
  client,
  localStream,
  waitingFor,
  onLeave,
  actions,
  aside,
  imaging,
}: RoomViewProps) {
  const localVideo = localStream?.getVideoTracks()[0] ?? null;
  const speakerId = snapshot.activeSpeakerId;
  const layout = roomLayout(
    snapshot.remotes.map((r) => r.peer.peerId),
    { imaging: snapshot.imaging.length > 0 || snapshot.imagingPublished, activeSpeakerId: speakerId },
  );
  const remotes = layout.order.flatMap((id) => snapshot.remotes.filter((r) => r.peer.peerId === id));
  const speaking = (peerId: string | undefined) => (peerId && peerId === speakerId ? ' tile--speaking' : '');
  return (
    <div className="room">
      <header className="room__bar">
        <div>
          <h1 className="room__title">{title}</h1>
          <p className="room__people">
            {remotes.length === 0
              ? `Waiting for ${waitingFor}…`
              : remotes.map((r) => (
                  <span
                    key={r.peer.peerId}
                    data-testid="peer-name"
                    className={r.peer.peerId === speakerId ? 'chip chip--speaking' : 'chip'}
                  >
                    {r.peer.displayName}
                  </span>
                ))}
          </p>
        </div>
        <ConnectionBadge state={snapshot.state} />
      </header>

      <div className="room__body">
        {imaging}
        <main
          className={`room__stage room__stage--${Math.min(remotes.length, 4)} room__stage--${layout.mode}`}
          style={{ '--room-columns': layout.columns } as React.CSSProperties}
          data-layout={layout.mode}
        >
          {remotes.length === 0 ? (
            <div className="room__empty">
              <div className="pulse" aria-hidden="true" />
              <p>
                {snapshot.state === 'connected'
                  ? `You are in the consult. ${capitalise(waitingFor)} will appear here.`
                  : 'Setting up your connection…'}
              </p>
            </div>
          ) : (
            remotes.map((remote) => (
              <VideoTile
                key={remote.peer.peerId}
                track={remote.video}
                paused={remote.videoPaused}
                label={remote.audioPaused ? `${remote.peer.displayName} · muted` : remote.peer.displayName}
                testId="remote-video"
                peerId={remote.peer.peerId}
                className={`tile--remote${speaking(remote.peer.peerId)}`}
              />
            ))
          )}
          {remotes.map((remote) =>
            remote.audio ? <RemoteAudio key={`a-${remote.peer.peerId}`} track={remote.audio} /> : null,
          )}
          <VideoTile
            track={localVideo}
            paused={snapshot.cameraOff}
            label="You"
            testId="local-video"
            mirrored
            className={`tile--self${speaking(snapshot.self?.peerId)}`}
          />
        </main>
        {aside ? <aside className="room__aside">{aside}</aside> : null}
      </div>

      {snapshot.error ? <RoomErrorBanner error={snapshot.error} /> : null}

      <footer className="room__controls">
        <button
          type="button"
          className={`control ${snapshot.micMuted ? 'control--off' : ''}`}
          data-testid="toggle-mic"
          aria-pressed={snapshot.micMuted}
          onClick={() => void client?.toggleMic()}
        >
          {snapshot.micMuted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className={`control ${snapshot.cameraOff ? 'control--off' : ''}`}
          data-testid="toggle-camera"
          aria-pressed={snapshot.cameraOff}
          onClick={() => void client?.toggleCamera()}
        >
          {snapshot.cameraOff ? 'Start camera' : 'Stop camera'}
        </button>
        {actions}
        <button type="button" className="control control--leave" data-testid="leave" onClick={onLeave}>
          Leave
        </button>
      </footer>
    </div>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
