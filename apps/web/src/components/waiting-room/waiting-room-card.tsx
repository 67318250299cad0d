import { useState } from 'react';
import type { WaitingPatient } from '@teleconsult/protocol';
import type { useDashboardLobby } from '../../hooks/use-dashboard-lobby/use-dashboard-lobby';
import { ChatPanel } from '../chat/chat-panel';
import { WaitingRoomList } from './waiting-room-list';

/** The dashboard's waiting room: live across all of the clinician's consults, with the private chat. */
export function WaitingRoomCard({
  lobby: { channel, snapshot },
  onAdmitted,
}: {
  /** The dashboard socket, shared with the page (it also announces invitation changes). */
  lobby: ReturnType<typeof useDashboardLobby>;
  onAdmitted?: (patient: WaitingPatient) => void;
}) {
  const [chatWith, setChatWith] = useState<WaitingPatient | null>(null);
  const stillWaiting = chatWith && snapshot.waiting.some((w) => w.participantId === chatWith.participantId);

  return (
    <section className="card" aria-label="Waiting room">
      <h2>
        Waiting room{' '}
        {snapshot.waiting.length > 0 ? (
          <span className="status status--active" data-testid="waiting-count">
            {snapshot.waiting.length} waiting
          </span>
        ) : null}
      </h2>
      <WaitingRoomList
        waiting={snapshot.waiting}
        live={snapshot.connected}
        onAdmit={async (patient) => {
          await channel?.request('lobby:admit', {
            consultId: patient.consultId,
            participantId: patient.participantId,
          });
          onAdmitted?.(patient);
        }}
        onDeny={async (patient, message) => {
          await channel?.request('lobby:deny', {
            consultId: patient.consultId,
            participantId: patient.participantId,
            ...(message ? { message } : {}),
          });
        }}
        onChat={(patient) => {
          setChatWith(patient);
          void channel?.loadThread(patient.consultId, patient.participantId).catch(() => undefined);
        }}
      />
      {chatWith && stillWaiting ? (
        <div className="waiting-thread">
          <ChatPanel
            title={`Chat with ${chatWith.displayName}`}
            selfRole="clinician"
            messages={snapshot.threads[chatWith.participantId] ?? []}
            empty="Say hello — only this patient sees this conversation."
            onSend={async (text) => channel?.send(chatWith.consultId, chatWith.participantId, text)}
          />
        </div>
      ) : null}
    </section>
  );
}
