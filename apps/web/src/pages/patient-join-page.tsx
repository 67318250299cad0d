import { useEffect, useMemo, useState } from 'react';
import type { DeviceCheck, JoinLinkInfo } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { ChatPanel } from '../components/chat/chat-panel';
import { LinkErrorView } from '../components/link-error-view';
import { AdmissionDeniedView } from '../components/precall/admission-denied-view';
import { PrecallCheck } from '../components/precall/precall-check';
import { WaitingScreen } from '../components/precall/waiting-screen';
import { RoomView } from '../components/room-view';
import { ImagingPanel } from '../components/imaging/imaging-panel';
import { useConsultClient } from '../hooks/use-consult-client/use-consult-client';
import { useMediaPreview } from '../hooks/use-media-preview/use-media-preview';

/** The patient's way in: pre-call check → waiting room → the consult. */
export function PatientJoinPage({ token }: { token: string }) {
  const [info, setInfo] = useState<JoinLinkInfo | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [deviceCheck, setDeviceCheck] = useState<DeviceCheck | null>(null);
  const [left, setLeft] = useState(false);
  const media = useMediaPreview(info !== null && !left);

  useEffect(() => {
    api.describeJoinLink(token).then(
      (result) => {
        setInfo(result);
        setName((current) => current || result.patientName || '');
      },
      (error: unknown) => setLinkError(error instanceof ApiRequestError ? error.code : 'INTERNAL'),
    );
  }, [token]);

  const joined = deviceCheck !== null;
  const auth = useMemo(
    () => (joined ? { kind: 'patient' as const, joinToken: token } : null),
    [joined, token],
  );
  const imagingAccess = useMemo(() => ({ kind: 'patient' as const, joinToken: token }), [token]);
  const { client, snapshot } = useConsultClient({
    auth,
    displayName: name.trim(),
    localStream: media.stream,
    deviceCheck: deviceCheck ?? undefined,
  });

  if (linkError) return <LinkErrorView code={linkError} />;
  if (left || snapshot.state === 'closed') {
    return (
      <div className="page page--center">
        <section className="card card--narrow notice">
          <h1>The consultation has ended</h1>
          <p>
            {snapshot.closedReason === 'you left the consult'
              ? 'You left the call. You can close this page.'
              : 'Thank you. You can close this page.'}
          </p>
        </section>
      </div>
    );
  }
  if (snapshot.state === 'failed' && snapshot.error?.code === 'ADMISSION_DENIED')
    return <AdmissionDeniedView message={snapshot.error.message} />;
  if (snapshot.state === 'failed' && snapshot.error)
    return <LinkErrorView code={snapshot.error.code} message={snapshot.error.message} />;
  if (!info) return <p className="page page--center muted">Checking your link…</p>;

  const leave = () => {
    void client?.leave();
    setLeft(true);
  };
  const sendChat = async (text: string) => {
    await client?.sendChat(text);
  };

  if (joined && snapshot.admission === 'admitted') {
    return (
      <RoomView
        title={info.consultTitle}
        snapshot={snapshot}
        client={client}
        localStream={media.stream}
        waitingFor={info.clinicianName}
        onLeave={leave}
        aside={<ChatPanel messages={snapshot.chat} selfRole="patient" onSend={sendChat} />}
        imaging={
          <ImagingPanel
            client={client}
            snapshot={snapshot}
            access={imagingAccess}
            canUpload={false}
            cameraDeviceId={media.stream?.getVideoTracks()[0]?.getSettings().deviceId}
          />
        }
      />
    );
  }
  if (joined) {
    return (
      <WaitingScreen
        clinicianName={info.clinicianName}
        title={info.consultTitle}
        waitingSince={snapshot.waitingSince}
        chat={snapshot.chat}
        onSend={sendChat}
        localStream={media.stream}
        onLeave={leave}
      />
    );
  }
  return (
    <PrecallCheck
      token={token}
      info={info}
      media={media}
      name={name}
      onNameChange={setName}
      onJoin={(check) => setDeviceCheck(check)}
    />
  );
}
