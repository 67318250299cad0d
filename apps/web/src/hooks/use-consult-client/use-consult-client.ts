import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DeviceCheck, SocketAuth } from '@teleconsult/protocol';
import { ConsultClient, type ConsultSnapshot } from '../../client/consult-client';

export interface UseConsultClientOptions {
  auth: SocketAuth | null;
  displayName: string;
  localStream: MediaStream | null;
  deviceCheck?: DeviceCheck | undefined;
  /** Injected in tests. */
  createClient?: (options: {
    auth: SocketAuth;
    displayName: string;
    localStream: MediaStream | null;
    deviceCheck?: DeviceCheck;
  }) => ConsultClient;
}

const idle: ConsultSnapshot = {
  state: 'connecting',
  admission: 'none',
  waitingSince: null,
  chat: [],
  waitingPatients: [],
  self: null,
  remotes: [],
  imaging: [],
  imagingPublished: false,
  activeSpeakerId: null,
  micMuted: false,
  cameraOff: false,
  error: null,
  closedReason: null,
};
const noClient = { subscribe: () => () => undefined, getSnapshot: () => idle };

/** Runs a ConsultClient for as long as the component is mounted with the same auth. */
export function useConsultClient({
  auth,
  displayName,
  localStream,
  deviceCheck,
  createClient,
}: UseConsultClientOptions) {
  const [client, setClient] = useState<ConsultClient | null>(null);
  const authKey = auth ? JSON.stringify(auth) : null;

  useEffect(() => {
    if (!authKey) return undefined;
    const options = {
      auth: JSON.parse(authKey) as SocketAuth,
      displayName,
      localStream,
      ...(deviceCheck ? { deviceCheck } : {}),
    };
    const created = createClient ? createClient(options) : new ConsultClient(options);
    created.start();
    setClient(created);
    return () => {
      created.close('left the page');
      setClient(null);
    };
    // displayName, localStream and deviceCheck are fixed for the life of a connection.
  }, [authKey]);

  const source = client ?? noClient;
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return { client, snapshot };
}
