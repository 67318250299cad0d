import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { JoinLinkInfo } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { AppHeader } from '../components/app-header';
import { LinkErrorView } from '../components/link-error-view';
import { RoomView } from '../components/room-view';
import { VideoTile } from '../components/video-tile';
import { useConsultClient } from '../hooks/use-consult-client/use-consult-client';
import { useMediaPreview } from '../hooks/use-media-preview/use-media-preview';

export function PatientJoinPage({ token }: { token: string }) {
  const [info, setInfo] = useState<JoinLinkInfo | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [joined, setJoined] = useState(false);
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

  const auth = useMemo(
    () => (joined ? { kind: 'patient' as const, joinToken: token } : null),
    [joined, token],
  );
  const { client, snapshot } = useConsultClient({
    auth,
    displayName: name.trim(),
    localStream: media.stream,
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
  if (snapshot.state === 'failed' && snapshot.error)
    return <LinkErrorView code={snapshot.error.code} message={snapshot.error.message} />;
  if (!info) return <p className="page page--center muted">Checking your link…</p>;

  if (joined) {
    return (
      <RoomView
        title={info.consultTitle}
        snapshot={snapshot}
        client={client}
        localStream={media.stream}
        waitingFor={info.clinicianName}
        onLeave={() => {
          void client?.leave();
          setLeft(true);
        }}
      />
    );
  }

  const join = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setNameError('Enter your name so the clinician knows who is joining.');
    if (/[<>]/.test(name)) return setNameError('Your name cannot contain < or >.');
    setNameError(null);
    setJoined(true);
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
          <form onSubmit={join} noValidate>
            <label className="field">
              <span>Your name</span>
              <input
                data-testid="join-name"
                autoComplete="name"
                maxLength={80}
                value={name}
                onChange={(e) => setName(e.target.value)}
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
              {media.status === 'requesting' ? 'Waiting for your camera…' : 'Join the consultation'}
            </button>
            <p className="muted small">
              Your camera and microphone are only used during the call. Nothing is recorded.
            </p>
          </form>
        </section>
        <section className="card join__preview">
          <h2>Check your camera</h2>
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
          <p className="muted small">
            {media.status === 'ready'
              ? 'Camera and microphone are working. You can still join with your camera off once inside.'
              : media.status === 'requesting'
                ? 'Your browser may ask for permission to use the camera and microphone.'
                : 'You can still join, but the clinician will not see or hear you until this is fixed.'}
          </p>
        </section>
      </main>
    </div>
  );
}
