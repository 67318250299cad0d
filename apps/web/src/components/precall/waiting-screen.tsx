import type { ChatMessage } from '@teleconsult/protocol';
import { AppHeader } from '../app-header';
import { ChatPanel } from '../chat/chat-panel';
import { VideoTile } from '../video-tile';
import { waitedFor } from '../waiting-room/waiting-room-list';
import './precall.css';

interface WaitingScreenProps {
  clinicianName: string;
  title: string;
  /** Null while the connection to the waiting room is being made. */
  waitingSince: string | null;
  chat: ChatMessage[];
  onSend: (text: string) => Promise<void>;
  localStream: MediaStream | null;
  onLeave: () => void;
}

/** Where the patient waits until the clinician lets them in; they can write to the clinician meanwhile. */
export function WaitingScreen({
  clinicianName,
  title,
  waitingSince,
  chat,
  onSend,
  localStream,
  onLeave,
}: WaitingScreenProps) {
  return (
    <div className="page">
      <AppHeader />
      <main className="waiting" data-testid="waiting-screen">
        <section className="card waiting__hero">
          <div className="pulse" aria-hidden="true" />
          <p className="eyebrow">{title}</p>
          <h1>
            {waitingSince ? `${clinicianName} will let you in shortly` : 'Connecting to the waiting room…'}
          </h1>
          {waitingSince ? (
            <p className="muted" data-testid="waiting-since">
              You have been waiting {waitedFor(waitingSince, Date.now())} (since{' '}
              {new Date(waitingSince).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}). Keep
              this page open — the call starts here.
            </p>
          ) : null}
          <div className="waiting__self">
            <VideoTile
              track={localStream?.getVideoTracks()[0] ?? null}
              label="You"
              testId="waiting-preview"
              mirrored
            />
          </div>
        </section>
        <section className="card">
          <ChatPanel
            title={`Message ${clinicianName}`}
            selfRole="patient"
            messages={chat}
            empty="If you need to tell the clinician something before the call, write it here."
            disabled={!waitingSince}
            onSend={onSend}
          />
        </section>
        <button type="button" className="button" data-testid="leave-waiting" onClick={onLeave}>
          Leave the waiting room
        </button>
      </main>
    </div>
  );
}
