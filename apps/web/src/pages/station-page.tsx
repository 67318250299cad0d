import type { Alarm } from '@teleconsult/clinical';
import type { UserInfo, WardView } from '@teleconsult/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { SignallingError } from '../client/signalling-channel';
import type { StationClient } from '../client/station-client';
import { AppHeader } from '../components/app-header';
import { FocusView } from '../components/station/focus-view';
import { StationBoard } from '../components/station/station-board';
import type { StationBed } from '../components/station/station-bed';
import { useAlarmSound } from '../hooks/use-alarm-sound/use-alarm-sound';
import { type CreateStationClient, useStation } from '../hooks/use-station/use-station';
import { useWards } from '../hooks/use-wards/use-wards';
import type { BedAlarm } from '../station/alarm-sound';
import '../components/station/station.css';

const wardTitle = (ward: Pick<WardView, 'kind' | 'name'>) =>
  ward.kind === 'ed' ? `Ambulance board · ${ward.name}` : ward.name;

const CONNECTION_TEXT: Record<string, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  failed: 'Not connected',
  closed: 'Closed',
};

function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The remote-ICU central station: pick a ward, then watch every bed on it. */
export function StationPage({
  user,
  onSignOut,
  wardId,
  createClient,
}: {
  user: UserInfo;
  onSignOut: () => void;
  wardId: string | null;
  createClient?: CreateStationClient;
}) {
  const { wards, error: wardsError, reload: reloadWards } = useWards();
  const [, navigate] = useLocation();
  const ward = wards?.find((w) => w.id === wardId) ?? null;
  return (
    <div className="page station-page">
      <AppHeader user={user} onSignOut={onSignOut} />
      <main className="station">
        <div className="station__bar">
          <h1 className="station__title">{ward ? wardTitle(ward) : 'ICU central station'}</h1>
          {wards && wards.length > 0 ? (
            <label className="station__ward-select">
              <span>Ward</span>
              <select
                value={wardId ?? ''}
                onChange={(e) => navigate(e.target.value ? `/station/${e.target.value}` : '/station')}
              >
                <option value="">Choose a ward…</option>
                {wards.map((w) => (
                  <option key={w.id} value={w.id}>
                    {wardTitle(w)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        {wardsError ? <p className="station__error">{wardsError}</p> : null}
        {wardId ? (
          <WardStation
            wardId={wardId}
            ward={ward}
            onAccessDenied={reloadWards}
            {...(createClient ? { createClient } : {})}
          />
        ) : (
          <WardList wards={wards} />
        )}
      </main>
      <footer className="station__secondary" role="note" data-testid="secondary-alarm-note">
        Secondary alarm system: this station repeats the bedside monitors’ information. The bedside monitor
        remains the primary alarm.
      </footer>
    </div>
  );
}

function WardList({ wards }: { wards: WardView[] | null }) {
  if (wards === null) return <p className="muted">Loading wards…</p>;
  if (wards.length === 0)
    return (
      <p className="station__empty" data-testid="no-wards">
        You are not on the staff of any ward — ask an administrator to assign you to the wards you work on.
      </p>
    );
  return (
    <ul className="ward-list" data-testid="ward-list">
      {wards.map((w) => (
        <li key={w.id}>
          <Link href={`/station/${w.id}`} className="ward-list__link">
            <strong>{wardTitle(w)}</strong>
            <span>
              {w.bedCount} {w.kind === 'ed' ? 'ambulances' : 'beds'}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function WardStation({
  wardId,
  ward,
  onAccessDenied,
  createClient,
}: {
  wardId: string;
  ward: WardView | null;
  onAccessDenied: () => void;
  createClient?: CreateStationClient;
}) {
  const { client, snapshot, beds } = useStation(wardId, createClient);
  const denied = snapshot.accessDenied;
  // The ward list no longer holds this ward: refresh it so the picker shows what is left.
  useEffect(() => {
    if (denied) onAccessDenied();
  }, [denied, onAccessDenied]);
  const now = useNow();
  const [actionError, setActionError] = useState<string | null>(null);
  const soundAlarms = useMemo<BedAlarm[]>(
    () => snapshot.beds.flatMap((bed) => bed.alarms.map((alarm) => ({ bedId: bed.id, alarm }))),
    [snapshot.beds],
  );
  const sound = useAlarmSound(soundAlarms);
  const act = useCallback(
    (action: (c: StationClient) => Promise<void>) => {
      if (!client) return;
      setActionError(null);
      action(client).catch((error: unknown) =>
        setActionError(
          error instanceof SignallingError
            ? error.message
            : error instanceof DOMException && error.name === 'NotAllowedError'
              ? 'Microphone access was refused: allow it in the browser to talk to the bedside.'
              : 'The station could not do that.',
        ),
      );
    },
    [client],
  );
  const focus = useCallback((bedId: string | null) => act((c) => c.focus(bedId)), [act]);
  // Talk-down belongs to the close-up: leaving it hangs up.
  const close = useCallback(() => {
    if (client?.getSnapshot().talk) act((c) => c.stopTalk());
    focus(null);
  }, [act, client, focus]);
  const talk = useCallback(
    (bedId: string, on: boolean) => act((c) => (on ? c.startTalk(bedId) : c.stopTalk())),
    [act],
  );
  const acknowledge = (bedId: string, alarm: Alarm) => act((c) => c.acknowledge(bedId, alarm.key));
  const silence = (bedId: string, alarm: Alarm) => act((c) => c.silence(bedId, alarm.key));
  const focused: StationBed | undefined = beds.find((b) => b.bed.id === snapshot.focusedBedId);
  const kind = snapshot.ward?.kind ?? ward?.kind ?? 'icu';
  if (denied)
    return (
      <div className="station__denied" role="alert" data-testid="station-access-denied">
        <strong>This ward is not shown to you.</strong>
        <p>{denied}</p>
        <p>Ask an administrator if you should be on this ward’s staff.</p>
        <Link href="/station" className="station__denied-link">
          Back to your wards
        </Link>
      </div>
    );
  return (
    <>
      <div className="station__status">
        <span
          className={`station__connection station__connection--${snapshot.connection}`}
          data-testid="station-connection"
        >
          {CONNECTION_TEXT[snapshot.connection]}
        </span>
        {snapshot.media ? <span className="muted small">media {snapshot.media}</span> : null}
        {sound.enabled ? (
          <span className="station__sound station__sound--on">Alarm sound on</span>
        ) : (
          <button type="button" className="station__sound-button" onClick={() => void sound.enable()}>
            Enable alarm sound
          </button>
        )}
      </div>
      {snapshot.error ? <p className="station__error">{snapshot.error.message}</p> : null}
      {actionError ? <p className="station__error">{actionError}</p> : null}
      {client ? (
        <StationBoard
          kind={kind}
          beds={beds}
          videoTracks={snapshot.videoTracks}
          waveformsOf={(bedId) => client.waveformsOf(bedId)}
          now={now}
          onFocus={focus}
          onAcknowledge={acknowledge}
          onSilence={silence}
        />
      ) : null}
      {focused && client ? (
        <FocusView
          bed={focused.bed}
          track={snapshot.videoTracks[focused.bed.id] ?? null}
          waveforms={client.waveformsOf(focused.bed.id)}
          now={now}
          onClose={close}
          onAcknowledge={(alarm) => acknowledge(focused.bed.id, alarm)}
          onSilence={(alarm) => silence(focused.bed.id, alarm)}
          talk={snapshot.talk}
          onTalk={(on) => talk(focused.bed.id, on)}
        />
      ) : null}
    </>
  );
}
