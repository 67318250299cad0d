import { Device, type types } from 'mediasoup-client';
import type { Alarm } from '@teleconsult/clinical';
import type {
  BedView,
  ProtocolError,
  RtpCapabilities,
  StationClientToServerEvents,
  StationNotification,
  StationRequestName,
  StationRequestPayload,
  StationResponseMap,
  StationServerToClientEvents,
  StationWaveformMessage,
  WardView,
} from '@teleconsult/protocol';
import { io, type Socket } from 'socket.io-client';
import { WaveformBuffer } from '../station/waveform-buffer';
import { SignallingError, ackedRequest } from './signalling-channel';
import { mediaPlan, preferredLayer, reduceBeds, replaceAlarm } from './station-state';
import { type StationTalk, StationTalkDown, openMicrophone } from './station-talk';

/** Waveform latencies kept for takeWaveformLatencies(): a minute of 64 beds at 25 blocks/s. */
const MAX_LATENCY_LOG = 100_000;

export type StationSocket = Socket<StationServerToClientEvents, StationClientToServerEvents>;

export type StationConnection = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface StationSnapshot {
  connection: StationConnection;
  ward: WardView | null;
  beds: BedView[];
  /** Each bed's camera, once consumed. */
  videoTracks: Record<string, MediaStreamTrack>;
  focusedBedId: string | null;
  /** State of the ward's receive transport (null before it exists). */
  media: RTCPeerConnectionState | null;
  /** This station's talk-down to a bed, if any. */
  talk: StationTalk | null;
  /**
   * Why this clinician may not watch the ward (not on its staff, or just taken off it): the board is
   * emptied and this is shown instead. Null while they may.
   */
  accessDenied: string | null;
  error: ProtocolError | null;
}

/** The waveforms of one bed, as a monitor sweeps them. */
export interface BedWaveforms {
  ecg: WaveformBuffer;
  pleth: WaveformBuffer;
  resp: WaveformBuffer;
}

export const WAVEFORM_RATES = { ecg: 250, pleth: 125, resp: 25 } as const;
const WAVEFORM_SECONDS = { ecg: 6, pleth: 6, resp: 15 } as const;

/** Per-bed counters a browser test (or an engineer) reads to see the media flowing. */
export interface BedMediaStats {
  bedId: string;
  consumerId: string | null;
  videoProducerId: string | null;
  dataConsumerId: string | null;
  waveformProducerId: string | null;
  waveformMessages: number;
  /** Samples received per channel. */
  samples: { ecg: number; pleth: number; resp: number };
  /** Blocks older than what the buffer already holds (dropped). */
  lateBlocks: number;
  /** Sequence gaps: blocks the unreliable channel lost. */
  missedBlocks: number;
  lastSeq: number | null;
  /** now − (t + block duration) of the latest block, ms. */
  lastLatencyMs: number | null;
}

export interface StationClientOptions {
  wardId: string;
  /** Read at every (re)connect, so a refreshed token is used after the old one expired. */
  accessToken: () => string | null;
  /** Renews the access token after the handshake was refused as unauthenticated. */
  refreshSession?: () => Promise<boolean>;
  /** Injected in tests: a scripted socket. */
  openSocket?: (auth: (cb: (data: object) => void) => void) => StationSocket;
  /** Injected in tests: a Device on mediasoup-client's FakeHandler. */
  createDevice?: () => Device;
  /** Numerics arriving within this window are shown together: one render, not one per bed. */
  batchMs?: number;
  /** Injected in tests: the clinician's microphone for talk-down. */
  getMicrophone?: () => Promise<MediaStreamTrack>;
}

interface BedMedia {
  stats: BedMediaStats;
  consumer: types.Consumer | null;
  dataConsumer: types.DataConsumer | null;
}

const REQUEST_TIMEOUT_MS = 10_000;
/** A block this late is no longer expected: the sweep carries on over a gap. */
const GAP_AFTER_MS = 1_000;

const openStationSocket = (auth: (cb: (data: object) => void) => void): StationSocket =>
  io('/station', { auth, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 4_000 });

const emptyStats = (bedId: string): BedMediaStats => ({
  bedId,
  consumerId: null,
  videoProducerId: null,
  dataConsumerId: null,
  waveformProducerId: null,
  waveformMessages: 0,
  samples: { ecg: 0, pleth: 0, resp: 0 },
  lateBlocks: 0,
  missedBlocks: 0,
  lastSeq: null,
  lastLatencyMs: null,
});

/**
 * One ward on the central station, without React: snapshot and notifications over socket.io,
 * video and waveforms through one mediasoup-client receive transport. Waveform samples go straight
 * into per-bed ring buffers that the shared painter reads, never through React state; numerics are
 * batched so 32 beds reporting every second cost a few renders a second.
 */
export class StationClient {
  private readonly listeners = new Set<() => void>();
  private socket: StationSocket | null = null;
  private device: Device | null = null;
  private transport: types.Transport | null = null;
  private rtpCapabilities: RtpCapabilities | null = null;
  private readonly media = new Map<string, BedMedia>();
  private readonly waveforms = new Map<string, BedWaveforms>();
  /** Bumped whenever media is torn down: late answers from an older build are discarded. */
  private generation = 0;
  private subscribed = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private gapTimer: ReturnType<typeof setInterval> | null = null;
  private snapshot: StationSnapshot = {
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
  private readonly talkDown: StationTalkDown;

  constructor(private readonly options: StationClientOptions) {
    this.talkDown = new StationTalkDown({
      request: (name, payload) => this.request(name, payload),
      device: () => this.device,
      receiveTransport: () => this.transport,
      getMicrophone: options.getMicrophone ?? openMicrophone,
      onChange: (talk) => this.update({ talk }),
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StationSnapshot => this.snapshot;

  get wardId(): string {
    return this.options.wardId;
  }

  start(): void {
    if (this.socket) return;
    const open = this.options.openSocket ?? openStationSocket;
    const socket = open((cb) => cb({ accessToken: this.options.accessToken() ?? '' }));
    this.socket = socket;
    socket.on('connect', () => {
      this.update({ connection: 'connected', error: null });
      void this.subscribeWard();
    });
    socket.on('disconnect', (reason) => {
      this.subscribed = false;
      this.resetMedia();
      if (this.snapshot.connection === 'closed') return;
      this.update({ connection: 'reconnecting', media: null });
      // The server closes a socket whose token expired; come back with the current one.
      if (reason === 'io server disconnect') void this.reconnectAfterRefresh();
    });
    socket.on('connect_error', (error: Error & { data?: ProtocolError }) => {
      if (!error.data?.code) return; // a network error: socket.io retries by itself
      if (error.data.code === 'UNAUTHENTICATED') void this.reconnectAfterRefresh(error.data);
      else this.update({ connection: 'failed', error: error.data });
    });
    socket.on('notification', (notification) => this.onNotification(notification));
    // Time passes on every strip even when no block comes: a lost link shows as a gap, not a frozen trace.
    this.gapTimer = setInterval(() => {
      const until = Date.now() - GAP_AFTER_MS;
      for (const w of this.waveforms.values()) {
        w.ecg.advanceTo(until);
        w.pleth.advanceTo(until);
        w.resp.advanceTo(until);
      }
    }, 250);
  }

  stop(): void {
    if (this.subscribed && this.socket?.connected)
      void this.request('ward:unsubscribe', { wardId: this.wardId }).catch(() => undefined);
    this.snapshot = { ...this.snapshot, connection: 'closed' };
    this.resetMedia();
    if (this.gapTimer) clearInterval(this.gapTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.gapTimer = null;
    this.flushTimer = null;
    this.socket?.off();
    this.socket?.disconnect();
    this.socket = null;
    this.emit();
  }

  /** The bed's waveform buffers; the same objects for the life of the client, so strips can mount early. */
  waveformsOf(bedId: string): BedWaveforms {
    let w = this.waveforms.get(bedId);
    if (!w) {
      w = {
        ecg: new WaveformBuffer(WAVEFORM_RATES.ecg, WAVEFORM_SECONDS.ecg),
        pleth: new WaveformBuffer(WAVEFORM_RATES.pleth, WAVEFORM_SECONDS.pleth),
        resp: new WaveformBuffer(WAVEFORM_RATES.resp, WAVEFORM_SECONDS.resp),
      };
      this.waveforms.set(bedId, w);
    }
    return w;
  }

  /** Counters per bed, for tests and diagnostics (copies; changing them changes nothing). */
  private readonly latencyLog: number[] = [];

  stats(): BedMediaStats[] {
    return this.snapshot.beds.map((bed) => {
      const s = this.media.get(bed.id)?.stats ?? emptyStats(bed.id);
      return { ...s, samples: { ...s.samples } };
    });
  }

  /** Internals a browser test inspects: consumers and the receive transport. */
  consumerOf(bedId: string): types.Consumer | null {
    return this.media.get(bedId)?.consumer ?? null;
  }

  dataConsumerOf(bedId: string): types.DataConsumer | null {
    return this.media.get(bedId)?.dataConsumer ?? null;
  }

  get receiveTransport(): types.Transport | null {
    return this.transport;
  }

  /** The talk-down's send transport and bedside-audio consumer, for tests and the debug handle. */
  get talkMedia(): { sendTransport: types.Transport | null; bedAudio: types.Consumer | null } {
    return { sendTransport: this.talkDown.sendTransport, bedAudio: this.talkDown.bedAudioConsumer };
  }

  /** Talk-down: this station's microphone to the bed's device, the bedside microphone back. One bed at a time. */
  async startTalk(bedId: string): Promise<void> {
    const bed = this.snapshot.beds.find((b) => b.id === bedId);
    if (!bed) throw new SignallingError({ code: 'NOT_FOUND', message: 'no such bed on this ward' });
    await this.talkDown.start(bed);
  }

  async stopTalk(): Promise<void> {
    await this.talkDown.stop();
  }

  async acknowledge(bedId: string, key: string): Promise<void> {
    const { alarm } = await this.request('alarm:acknowledge', { bedId, key });
    this.applyAlarm(bedId, alarm);
  }

  async silence(bedId: string, key: string): Promise<void> {
    const { alarm } = await this.request('alarm:silence', { bedId, key });
    this.applyAlarm(bedId, alarm);
  }

  /** Looks closely at one bed (null: back to the grid): its camera switches to the high layer. */
  async focus(bedId: string | null): Promise<void> {
    const previous = this.snapshot.focusedBedId;
    if (previous === bedId) return;
    this.update({ focusedBedId: bedId });
    const socket = this.socket;
    if (!socket?.connected) return;
    const tasks: Array<Promise<unknown>> = [];
    if (previous) {
      tasks.push(this.request('bed:focus', { bedId: previous, on: false }));
      tasks.push(this.applyLayer(previous));
    }
    if (bedId) {
      tasks.push(this.request('bed:focus', { bedId, on: true }));
      tasks.push(this.applyLayer(bedId));
    }
    const results = await Promise.allSettled(tasks);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) this.onError(failed.reason);
  }

  /** Handles one waveform block from a bed's data channel (public for tests). */
  receiveWaveform(bedId: string, data: unknown, now = Date.now()): void {
    const text =
      typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : null;
    if (text === null) return;
    let block: StationWaveformMessage;
    try {
      block = JSON.parse(text) as StationWaveformMessage;
    } catch {
      return;
    }
    if (typeof block.t !== 'number' || !Array.isArray(block.ecg)) return;
    const entry = this.mediaOf(bedId);
    const stats = entry.stats;
    const w = this.waveformsOf(bedId);
    const ecg = w.ecg.push(block.t, block.ecg);
    w.pleth.push(block.t, block.pleth ?? []);
    w.resp.push(block.t, block.resp ?? []);
    stats.waveformMessages += 1;
    stats.samples.ecg += block.ecg.length;
    stats.samples.pleth += block.pleth?.length ?? 0;
    stats.samples.resp += block.resp?.length ?? 0;
    if (ecg === 'late') stats.lateBlocks += 1;
    if (stats.lastSeq !== null && block.seq > stats.lastSeq + 1)
      stats.missedBlocks += block.seq - stats.lastSeq - 1;
    if (stats.lastSeq === null || block.seq > stats.lastSeq) stats.lastSeq = block.seq;
    stats.lastLatencyMs = now - (block.t + (block.ecg.length * 1000) / WAVEFORM_RATES.ecg);
    // Nobody is collecting (a normal station): forget the older half now and then, never per message.
    if (this.latencyLog.length >= MAX_LATENCY_LOG) this.latencyLog.splice(0, MAX_LATENCY_LOG / 2);
    this.latencyLog.push(stats.lastLatencyMs);
  }

  /** Every waveform block's delivery latency since the last call (ms, from its last sample), for benchmarks. */
  takeWaveformLatencies(): number[] {
    return this.latencyLog.splice(0);
  }

  private async request<K extends StationRequestName>(
    name: K,
    payload: StationRequestPayload<K>,
  ): Promise<StationResponseMap[K]> {
    if (!this.socket) throw new SignallingError({ code: 'NOT_JOINED', message: 'not connected' });
    return ackedRequest<StationResponseMap[K]>(this.socket, name, payload, REQUEST_TIMEOUT_MS);
  }

  private async reconnectAfterRefresh(error?: ProtocolError): Promise<void> {
    const refreshed = (await this.options.refreshSession?.()) ?? Boolean(this.options.accessToken());
    if (this.snapshot.connection === 'closed') return;
    if (refreshed && this.options.accessToken()) this.socket?.connect();
    else
      this.update({
        connection: 'failed',
        error: error ?? { code: 'UNAUTHENTICATED', message: 'the session has ended — sign in again' },
      });
  }

  private async subscribeWard(): Promise<void> {
    try {
      const result = await this.request('ward:subscribe', { wardId: this.wardId });
      this.subscribed = true;
      this.rtpCapabilities = result.rtpCapabilities;
      this.update({ ward: result.ward, beds: result.beds, accessDenied: null });
      await this.buildMedia();
    } catch (error) {
      if (error instanceof SignallingError && error.error.code === 'WARD_NOT_ASSIGNED')
        this.denyAccess(error.error.message);
      else this.onError(error);
    }
  }

  /** No beds, no media, no talk-down: the clinician may not see this ward (any more). */
  private denyAccess(message: string): void {
    this.subscribed = false;
    this.talkDown.end();
    this.resetMedia();
    this.update({ beds: [], focusedBedId: null, media: null, accessDenied: message });
  }

  /** One receive transport for the ward, then a consumer per bed camera and per waveform stream. */
  private async buildMedia(): Promise<void> {
    this.resetMedia();
    const generation = this.generation;
    const socket = this.socket;
    if (!socket || !this.rtpCapabilities) return;
    const device = this.options.createDevice?.() ?? new Device();
    await device.load({ routerRtpCapabilities: this.rtpCapabilities as types.RtpCapabilities });
    const options = await this.request('transport:create', { wardId: this.wardId });
    if (generation !== this.generation) return;
    const transport = device.createRecvTransport({
      id: options.transportId,
      iceParameters: options.iceParameters as types.IceParameters,
      iceCandidates: options.iceCandidates as types.IceCandidate[],
      dtlsParameters: options.dtlsParameters as types.DtlsParameters,
      sctpParameters: options.sctpParameters,
    });
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.request('transport:connect', {
        transportId: transport.id,
        dtlsParameters: dtlsParameters as never,
      }).then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (this.transport !== transport) return;
      this.update({ media: state });
      // The station contract has no ICE restart: a failed transport is rebuilt from scratch.
      if (state === 'failed') void this.buildMedia().catch((error: unknown) => this.onError(error));
    });
    this.device = device;
    this.transport = transport;
    this.update({ media: 'new' });
    await Promise.all(this.snapshot.beds.map((bed) => this.syncBedMedia(bed)));
  }

  /** Brings a bed's consumers in line with its current producers. */
  private async syncBedMedia(bed: BedView): Promise<void> {
    const entry = this.mediaOf(bed.id);
    const plan = mediaPlan(bed, {
      videoProducerId: entry.stats.videoProducerId,
      waveformProducerId: entry.stats.waveformProducerId,
    });
    const tasks: Array<Promise<void>> = [];
    if (plan.video !== undefined) tasks.push(this.consumeVideo(bed.id, plan.video));
    if (plan.waveform !== undefined) tasks.push(this.consumeWaveform(bed.id, plan.waveform));
    const results = await Promise.allSettled(tasks);
    for (const r of results) if (r.status === 'rejected') this.onError(r.reason);
  }

  private async consumeVideo(bedId: string, producerId: string | null): Promise<void> {
    const entry = this.mediaOf(bedId);
    const old = entry.consumer;
    entry.consumer = null;
    entry.stats.consumerId = null;
    entry.stats.videoProducerId = producerId;
    if (old) {
      old.close();
      void this.request('consumer:close', { consumerId: old.id }).catch(() => undefined);
      this.setTrack(bedId, null);
    }
    const { transport, device } = this;
    if (!producerId || !transport || !device) return;
    const generation = this.generation;
    const options = await this.request('consumer:create', {
      transportId: transport.id,
      bedId,
      rtpCapabilities: device.recvRtpCapabilities as never,
    });
    if (generation !== this.generation || entry.stats.videoProducerId !== producerId) {
      void this.request('consumer:close', { consumerId: options.consumerId }).catch(() => undefined);
      return;
    }
    const consumer = await transport.consume({
      id: options.consumerId,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    if (generation !== this.generation || entry.stats.videoProducerId !== producerId) {
      consumer.close();
      return;
    }
    entry.consumer = consumer;
    entry.stats.consumerId = consumer.id;
    // Ask for the tile's layer before the first frame, so 32 thumbnails never start at full size.
    await this.applyLayer(bedId);
    await this.request('consumer:resume', { consumerId: consumer.id });
    this.setTrack(bedId, consumer.track);
  }

  private async consumeWaveform(bedId: string, dataProducerId: string | null): Promise<void> {
    const entry = this.mediaOf(bedId);
    const old = entry.dataConsumer;
    entry.dataConsumer = null;
    entry.stats.dataConsumerId = null;
    entry.stats.waveformProducerId = dataProducerId;
    if (old) {
      old.close();
      void this.request('waveform:close', { dataConsumerId: old.id }).catch(() => undefined);
    }
    const transport = this.transport;
    if (!dataProducerId || !transport) return;
    const generation = this.generation;
    const options = await this.request('waveform:consume', { transportId: transport.id, bedId });
    if (generation !== this.generation || entry.stats.waveformProducerId !== dataProducerId) {
      void this.request('waveform:close', { dataConsumerId: options.dataConsumerId }).catch(() => undefined);
      return;
    }
    const dataConsumer = await transport.consumeData({
      id: options.dataConsumerId,
      dataProducerId: options.dataProducerId,
      sctpStreamParameters: options.sctpStreamParameters,
      label: options.label,
      protocol: options.protocol,
    });
    if (generation !== this.generation || entry.stats.waveformProducerId !== dataProducerId) {
      dataConsumer.close();
      return;
    }
    dataConsumer.binaryType = 'arraybuffer';
    dataConsumer.on('message', (data: unknown) => this.receiveWaveform(bedId, data));
    entry.dataConsumer = dataConsumer;
    entry.stats.dataConsumerId = dataConsumer.id;
  }

  private async applyLayer(bedId: string): Promise<void> {
    const consumer = this.media.get(bedId)?.consumer;
    if (!consumer) return;
    await this.request('consumer:setPreferredLayers', {
      consumerId: consumer.id,
      spatialLayer: preferredLayer(bedId, this.snapshot.focusedBedId),
    });
  }

  private onNotification(notification: StationNotification): void {
    switch (notification.type) {
      case 'bed:vitals':
        // Numerics of many beds arrive every second: show them together.
        this.snapshot = { ...this.snapshot, beds: reduceBeds(this.snapshot.beds, notification) };
        this.emitSoon();
        return;
      case 'bed:alarms':
      case 'bed:handover':
        this.update({ beds: reduceBeds(this.snapshot.beds, notification) });
        return;
      case 'bed:changed': {
        if (notification.bed.wardId !== this.wardId) return;
        this.update({ beds: reduceBeds(this.snapshot.beds, notification) });
        if (this.transport) void this.syncBedMedia(notification.bed);
        this.talkDown.syncBed(notification.bed).catch((error: unknown) => this.onError(error));
        return;
      }
      case 'talk:ended': {
        if (this.snapshot.talk?.bedId !== notification.bedId) return;
        this.talkDown.end();
        const label = this.snapshot.beds.find((b) => b.id === notification.bedId)?.label ?? 'the bed';
        this.update({
          error: { code: 'CONFLICT', message: `Talk-down to ${label} ended: ${notification.reason}` },
        });
        return;
      }
      case 'media:reset':
        if (notification.wardId !== this.wardId) return;
        void this.buildMedia().catch((error: unknown) => this.onError(error));
        return;
      case 'ward:accessRevoked':
        if (notification.wardId === this.wardId) this.denyAccess(notification.message);
        return;
      case 'consumer:layersChanged':
        return;
      case 'error':
        this.update({ error: notification.error });
        return;
    }
  }

  private applyAlarm(bedId: string, alarm: Alarm): void {
    this.update({ beds: replaceAlarm(this.snapshot.beds, bedId, alarm) });
  }

  private mediaOf(bedId: string): BedMedia {
    let entry = this.media.get(bedId);
    if (!entry) {
      entry = { stats: emptyStats(bedId), consumer: null, dataConsumer: null };
      this.media.set(bedId, entry);
    }
    return entry;
  }

  private setTrack(bedId: string, track: MediaStreamTrack | null): void {
    const videoTracks = { ...this.snapshot.videoTracks };
    if (track) videoTracks[bedId] = track;
    else delete videoTracks[bedId];
    this.update({ videoTracks });
  }

  /** Closes every consumer and the transport; waveform buffers and counters stay (the sweep goes on). */
  private resetMedia(): void {
    this.generation += 1;
    // The api ends the talk-down with the socket or the ward's media; otherwise say so.
    if (this.socket?.connected && this.snapshot.connection !== 'closed') void this.talkDown.stop();
    else this.talkDown.end();
    for (const entry of this.media.values()) {
      entry.consumer?.close();
      entry.dataConsumer?.close();
      entry.consumer = null;
      entry.dataConsumer = null;
      Object.assign(entry.stats, {
        consumerId: null,
        videoProducerId: null,
        dataConsumerId: null,
        waveformProducerId: null,
      });
    }
    this.transport?.close();
    this.transport = null;
    this.device = null;
    if (Object.keys(this.snapshot.videoTracks).length > 0)
      this.snapshot = { ...this.snapshot, videoTracks: {} };
  }

  private onError(error: unknown): void {
    const protocolError: ProtocolError =
      error instanceof SignallingError
        ? error.error
        : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
    // A bed whose device went away while we were subscribing to it: its bed:changed follows.
    if (protocolError.code === 'NOT_FOUND') return;
    this.update({ error: protocolError });
  }

  private update(change: Partial<StationSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.emit();
  }

  private emitSoon(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.emit();
    }, this.options.batchMs ?? 250);
  }

  private emit(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.listeners.forEach((listener) => listener());
  }
}
