import type { BedsideClient } from './bedside-client';

/**
 * A read-only window onto the bedside page for browser end-to-end tests and an engineer at the
 * console: state and WebRTC statistics, nothing that changes what the unit does.
 */
export interface BedsideDebugHandle {
  readonly connection: string;
  readonly bedId: string | null;
  readonly camera: string;
  /** Whether a station is talking and its voice is being played. */
  readonly hearingStation: boolean;
  readonly microphoneProducerId: string | null;
  /** The receive transport's RTCStatsReport as an array (talk-down audio comes in here). */
  recvStats(): Promise<RTCStats[]>;
  /** The send transport's RTCStatsReport as an array (camera, and the microphone during talk-down). */
  sendStats(): Promise<RTCStats[]>;
}

declare global {
  interface Window {
    __bedside?: BedsideDebugHandle;
  }
}

export function bedsideDebugHandle(client: BedsideClient): BedsideDebugHandle {
  const statsOf = async (transport: { getStats(): Promise<RTCStatsReport> } | null) =>
    transport ? ([...(await transport.getStats()).values()] as RTCStats[]) : [];
  return {
    get connection() {
      return client.getSnapshot().connection;
    },
    get bedId() {
      return client.getSnapshot().bed?.bedId ?? null;
    },
    get camera() {
      return client.getSnapshot().camera;
    },
    get hearingStation() {
      return Boolean(client.getSnapshot().talk?.track);
    },
    get microphoneProducerId() {
      return client.producers.microphone?.id ?? null;
    },
    recvStats: () => statsOf(client.transports.recv),
    sendStats: () => statsOf(client.transports.send),
  };
}

/** Installs the handle while this client runs; the returned function removes it (if still ours). */
export function installBedsideDebug(client: BedsideClient, target: Window = window): () => void {
  const handle = bedsideDebugHandle(client);
  target.__bedside = handle;
  return () => {
    if (target.__bedside === handle) delete target.__bedside;
  };
}
