import { useEffect, useState, useSyncExternalStore } from 'react';
import { DashboardChannel, type DashboardSnapshot } from '../../client/dashboard-channel';

const idle: DashboardSnapshot = { connected: false, waiting: [], threads: {}, invitationsVersion: 0 };
const none = { subscribe: () => () => undefined, getSnapshot: () => idle };

/** The dashboard's live waiting room, for as long as a clinician is signed in. */
export function useDashboardLobby(
  accessToken: () => string | null,
  create: (token: () => string | null) => DashboardChannel = (token) => new DashboardChannel(token),
) {
  const [channel, setChannel] = useState<DashboardChannel | null>(null);
  useEffect(() => {
    const created = create(accessToken);
    created.start();
    setChannel(created);
    return () => {
      created.stop();
      setChannel(null);
    };
    // One channel per mounted dashboard; the token getter is read at each connect.
  }, []);
  const source = channel ?? none;
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return { channel, snapshot };
}
