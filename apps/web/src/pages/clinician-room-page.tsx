import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { ConsultAccessRole, ConsultSummary } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { ChatPanel } from '../components/chat/chat-panel';
import { InvitePanel } from '../components/invitations/invite-panel';
import { LinkErrorView } from '../components/link-error-view';
import { NotesPanel } from '../components/notes/notes-panel';
import { WaitingRoomList } from '../components/waiting-room/waiting-room-list';
import { RoomView } from '../components/room-view';
import { ImagingPanel } from '../components/imaging/imaging-panel';
import { useConsultClient } from '../hooks/use-consult-client/use-consult-client';
import { useMediaPreview } from '../hooks/use-media-preview/use-media-preview';
import { useSession } from '../hooks/use-session/use-session';

export function ClinicianRoomPage({ consultId }: { consultId: string }) {
  const [, navigate] = useLocation();
  const { session } = useSession();
  const [consult, setConsult] = useState<ConsultSummary | null>(null);
  // The owner runs the consult; an invited specialist gets the room, chat and images only.
  const [access, setAccess] = useState<ConsultAccessRole>('invited');
  const [loadError, setLoadError] = useState<string | null>(null);
  const media = useMediaPreview(Boolean(session));

  useEffect(() => {
    if (!session) return navigate('/');
    api.getMembership(consultId).then(
      (membership) => {
        setAccess(membership.access);
        setConsult(membership.consult);
      },
      (error: unknown) => setLoadError(error instanceof ApiRequestError ? error.code : 'INTERNAL'),
    );
  }, [consultId, session, navigate]);

  const ready = consult !== null && consult.status !== 'ended' && media.status !== 'requesting';
  const auth = useMemo(
    () =>
      ready && session ? { kind: 'clinician' as const, accessToken: session.accessToken, consultId } : null,
    [ready, session, consultId],
  );
  const imagingAccess = useMemo(() => ({ kind: 'clinician' as const, consultId }), [consultId]);
  const { client, snapshot } = useConsultClient({
    auth,
    displayName: session?.user.displayName ?? '',
    localStream: media.stream,
  });

  if (loadError) return <LinkErrorView code={loadError === 'NOT_FOUND' ? 'LINK_INVALID' : loadError} />;
  if (consult?.status === 'ended') return <LinkErrorView code="CONSULT_ENDED" />;
  if (!consult) return <p className="page page--center muted">Loading the consult…</p>;
  if (snapshot.state === 'failed' && snapshot.error) {
    return <LinkErrorView code={snapshot.error.code} message={snapshot.error.message} />;
  }
  if (snapshot.state === 'closed') {
    return (
      <div className="page page--center">
        <section className="card card--narrow notice">
          <h1>The consult has ended</h1>
          <p>
            <Link href="/">Back to your consults</Link>
          </p>
        </section>
      </div>
    );
  }

  const owner = access === 'owner';
  const end = async () => {
    await api.endConsult(consultId).catch(() => undefined);
    navigate('/');
  };

  return (
    <RoomView
      title={consult.title}
      snapshot={snapshot}
      client={client}
      localStream={media.stream}
      waitingFor={consult.patientName ?? 'the patient'}
      onLeave={() => {
        void client?.leave();
        navigate('/');
      }}
      imaging={
        <ImagingPanel
          client={client}
          snapshot={snapshot}
          access={imagingAccess}
          canUpload={owner}
          cameraDeviceId={media.stream?.getVideoTracks()[0]?.getSettings().deviceId}
        />
      }
      aside={
        <>
          {owner && snapshot.waitingPatients.length > 0 ? (
            <section aria-label="Waiting room">
              <h2 className="chat__title">Waiting to join</h2>
              <WaitingRoomList
                waiting={snapshot.waitingPatients}
                showConsult={false}
                onAdmit={async (patient) => client?.admit(patient.participantId)}
                onDeny={async (patient, message) => client?.deny(patient.participantId, message || undefined)}
              />
            </section>
          ) : null}
          <ChatPanel
            messages={snapshot.chat}
            selfRole="clinician"
            onSend={async (text) => client?.sendChat(text)}
          />
          {owner && session ? <InvitePanel consultId={consultId} selfId={session.user.id} /> : null}
          {owner ? <NotesPanel consultId={consultId} /> : null}
        </>
      }
      actions={
        owner ? (
          <button
            type="button"
            className="control control--end"
            data-testid="end-consult"
            onClick={() => void end()}
          >
            End consult
          </button>
        ) : null
      }
    />
  );
}
