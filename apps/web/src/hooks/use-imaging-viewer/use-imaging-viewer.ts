import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ImagingAccess } from '../../imaging/imaging-api';
import { type ViewerSnapshot, ViewerSync, type ViewerTransport } from '../../imaging/viewer-sync';

const idle: ViewerSnapshot = {
  images: [],
  image: null,
  loadError: null,
  state: null,
  presenter: null,
  presenting: false,
  version: 0,
};
const none = { subscribe: () => () => undefined, getSnapshot: () => idle };

/** The consult's synchronized viewer for as long as the component is mounted with this client. */
export function useImagingViewer(client: ViewerTransport | null, access: ImagingAccess | null) {
  const [sync, setSync] = useState<ViewerSync | null>(null);
  const accessKey = access ? JSON.stringify(access) : null;
  useEffect(() => {
    if (!client || !accessKey) return undefined;
    const created = new ViewerSync(client, JSON.parse(accessKey) as ImagingAccess);
    created.start();
    setSync(created);
    return () => {
      created.stop();
      setSync(null);
    };
  }, [client, accessKey]);
  const source = sync ?? none;
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return { sync, snapshot };
}
