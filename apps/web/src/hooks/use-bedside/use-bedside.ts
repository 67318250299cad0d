import { useEffect, useState, useSyncExternalStore } from 'react';
import { BedsideClient, type BedsideClientOptions, type BedsideSnapshot } from '../../client/bedside-client';
import { installBedsideDebug } from '../../client/bedside-debug';

const idle: BedsideSnapshot = {
  connection: 'connecting',
  bed: null,
  localStream: null,
  camera: 'off',
  media: null,
  talk: null,
  error: null,
};
const none = { subscribe: () => () => undefined, getSnapshot: () => idle };

export type CreateBedsideClient = (options: BedsideClientOptions) => BedsideClient;

/** The bedside unit while the page is mounted with a device token: connects, publishes, plays talk-down. */
export function useBedside(
  deviceToken: string | null,
  create: CreateBedsideClient = (options) => new BedsideClient(options),
) {
  const [client, setClient] = useState<BedsideClient | null>(null);
  useEffect(() => {
    if (!deviceToken) return;
    const created = create({ deviceToken });
    void created.start();
    const uninstall = installBedsideDebug(created);
    setClient(created);
    return () => {
      uninstall();
      created.stop();
      setClient(null);
    };
    // One client per token; `create` is a factory fixed for the page's life.
  }, [deviceToken]);
  const source = client ?? none;
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
