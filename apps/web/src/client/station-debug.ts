import type { StationClient } from './station-client';

/** One bed as `window.__station.beds()` reports it. */
export interface StationDebugBed {
  bedId: string;
  label: string;
  consumerId: string | null;
  videoProducerId: string | null;
  /** The inbound camera track (null until consumed). */
  videoTrack: MediaStreamTrack | null;
  videoTrackState: MediaStreamTrackState | null;
  dataConsumerId: string | null;
  waveformProducerId: string | null;
  waveformMessages: number;
  samples: { ecg: number; pleth: number; resp: number };
  lateBlocks: number;
  missedBlocks: number;
  lastSeq: number | null;
  lastLatencyMs: number | null;
}

/**
 * A read-only window onto the station for browser end-to-end tests and for an engineer at the
 * console: counters and handles to look at, nothing that changes what the station does.
 */
export interface StationDebugHandle {
  readonly wardId: string;
  readonly connection: string;
  readonly focusedBedId: string | null;
  beds(): StationDebugBed[];
  /** The ward's receive transport's RTCStatsReport as an array (serialisable across Playwright). */
  getStats(): Promise<RTCStats[]>;
  /** Talk-down: to which bed and how far, and whether the bedside is heard. */
  talk(): { bedId: string; state: string; hearingBedside: boolean } | null;
  /** The talk-down send transport's RTCStatsReport as an array ([] when not talking). */
  talkStats(): Promise<RTCStats[]>;
  /** The receive transport's RTCPeerConnection (mediasoup-client's handler keeps it as `_pc`). */
  peerConnection(): RTCPeerConnection | null;
  /** Delivery latency of every waveform block received since the last call (ms); for benchmarks. */
  takeWaveformLatencies(): number[];
}

declare global {
  interface Window {
    __station?: StationDebugHandle;
  }
}

export function stationDebugHandle(client: StationClient): StationDebugHandle {
  return {
    get wardId() {
      return client.wardId;
    },
    get connection() {
      return client.getSnapshot().connection;
    },
    get focusedBedId() {
      return client.getSnapshot().focusedBedId;
    },
    beds() {
      const labels = new Map(client.getSnapshot().beds.map((b) => [b.id, b.label]));
      return client.stats().map((s) => {
        const track = client.consumerOf(s.bedId)?.track ?? null;
        return {
          ...s,
          label: labels.get(s.bedId) ?? '',
          videoTrack: track,
          videoTrackState: track?.readyState ?? null,
        };
      });
    },
    async getStats() {
      const transport = client.receiveTransport;
      if (!transport) return [];
      const report = await transport.getStats();
      return [...report.values()] as RTCStats[];
    },
    talk() {
      const talk = client.getSnapshot().talk;
      return talk ? { bedId: talk.bedId, state: talk.state, hearingBedside: talk.bedAudio !== null } : null;
    },
    async talkStats() {
      const transport = client.talkMedia.sendTransport;
      if (!transport) return [];
      return [...(await transport.getStats()).values()] as RTCStats[];
    },
    takeWaveformLatencies() {
      return client.takeWaveformLatencies();
    },
    peerConnection() {
      const handler = client.receiveTransport?.handler as { _pc?: RTCPeerConnection } | undefined;
      return handler?._pc ?? null;
    },
  };
}

/** Installs the handle while this client runs; the returned function removes it (if still ours). */
export function installStationDebug(client: StationClient, target: Window = window): () => void {
  const handle = stationDebugHandle(client);
  target.__station = handle;
  return () => {
    if (target.__station === handle) delete target.__station;
  };
}
