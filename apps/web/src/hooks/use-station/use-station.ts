import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { refreshSession } from '../../api/api-client';
import { sessionStore } from '../../api/session-store';
import { StationClient, type StationClientOptions, type StationSnapshot } from '../../client/station-client';
import { installStationDebug } from '../../client/station-debug';
import { type StationBed, toStationBedView } from '../../components/station/station-bed';
import { sortBeds } from '../../components/station/station-view';

const idle: StationSnapshot = {
  connection: 'connecting',
  ward: null,
  beds: [],
  videoTracks: {},
  focusedBedId: null,
  media: null,
  talk: null,
  accessDenied: null,
  error: null,
};
const none = { subscribe: () => () => undefined, getSnapshot: () => idle };

export type CreateStationClient = (options: StationClientOptions) => StationClient;

/**
 * One ward on the central station while the page is mounted: subscribes on mount (and when the
 * ward changes), unsubscribes on unmount. Beds come back in station order, most urgent first.
 */
export function useStation(
  wardId: string | null,
  create: CreateStationClient = (options) => new StationClient(options),
) {
  const [client, setClient] = useState<StationClient | null>(null);
  useEffect(() => {
    if (!wardId) return;
    const created = create({
      wardId,
      accessToken: () => sessionStore.get()?.accessToken ?? null,
      refreshSession,
    });
    created.start();
    const uninstall = installStationDebug(created);
    setClient(created);
    return () => {
      uninstall();
      created.stop();
      setClient(null);
    };
    // One client per ward; `create` is a factory fixed for the page's life.
  }, [wardId]);
  const source = client ?? none;
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const beds = useMemo<StationBed[]>(() => {
    const byId = new Map(snapshot.beds.map((bed) => [bed.id, bed]));
    return sortBeds(snapshot.beds.map(toStationBedView)).map((view) => ({
      view,
      bed: byId.get(view.bedId)!,
    }));
  }, [snapshot.beds]);
  return { client, snapshot, beds };
}
