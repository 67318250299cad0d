import { Device, type types } from 'mediasoup-client';
import type {
  ChatMessage,
  DeviceCheck,
  MediaSource,
  Notification,
  PeerInfo,
  ProducerInfo,
  ProtocolError,
  RequestName,
  RequestPayload,
  ResponseMap,
  SocketAuth,
  WaitingPatient,
} from '@teleconsult/protocol';
import {
  IMAGING_ENCODING,
  IMAGING_START_BITRATE_KBPS,
  imagingCodec,
  preferResolution,
  tuneForDetail,
} from '../imaging/imaging-encoding';
import { type ConnectionInputs, type ConnectionState, deriveConnectionState } from './connection-state';
import { type ConsultSocket, SignallingError, openConsultSocket, request } from './signalling-channel';

export interface RemoteMedia {
  peer: PeerInfo;
  video: MediaStreamTrack | null;
  audio: MediaStreamTrack | null;
  videoPaused: boolean;
  audioPaused: boolean;
}

/** A peer's imaging source (ultrasound, endoscope, a shared screen): shown large, apart from cameras. */
export interface RemoteImaging {
  producerId: string;
  peer: PeerInfo;
  track: MediaStreamTrack;
  paused: boolean;
}

/** Where a participant stands: not joined yet, in the waiting room, or let into the room. */
export type Admission = 'none' | 'waiting' | 'admitted';

export interface ConsultSnapshot {
  state: ConnectionState;
  admission: Admission;
  waitingSince: string | null;
  /** Room chat and one's own private thread (clinicians: every thread), oldest first. */
  chat: ChatMessage[];
  /** Clinicians: the consult's waiting patients, live. */
  waitingPatients: WaitingPatient[];
  self: PeerInfo | null;
  remotes: RemoteMedia[];
  /** Other peers' imaging sources. */
  imaging: RemoteImaging[];
  /** Whether this participant is publishing an imaging source. */
  imagingPublished: boolean;
  /** The peer the SFU hears speaking now (null until someone speaks, or when they left). */
  activeSpeakerId: string | null;
  micMuted: boolean;
  cameraOff: boolean;
  error: ProtocolError | null;
  closedReason: string | null;
}

export interface ConsultClientOptions {
  auth: SocketAuth;
  displayName: string;
  localStream: MediaStream | null;
  /** The patient's pre-call check, shown to the clinician in the waiting room. */
  deviceCheck?: DeviceCheck;
  /** Injected in tests: a scripted socket instead of a real socket.io connection. */
  openSocket?: (auth: SocketAuth) => ConsultSocket;
  /** Injected in tests: a Device on mediasoup-client's FakeHandler, since jsdom has no WebRTC. */
  createDevice?: () => Device;
}

interface RemoteProducer {
  info: ProducerInfo;
  consumer: types.Consumer | null;
}

/** Camera simulcast: three spatial layers so the SFU can send each viewer what its link can carry. */
const CAMERA_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 100_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 300_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 900_000 },
];
const ICE_RESTART_LIMIT = 3;

/**
 * A consult connection without React: signalling over socket.io, media through mediasoup-client.
 * Exposes an immutable snapshot and a subscribe function for useSyncExternalStore.
 *
 * Recovery: a transport that goes `disconnected`/`failed` gets an ICE restart; when that fails,
 * or the socket reconnects, or the SFU lost our room, the client rejoins from scratch with the
 * same local tracks.
 */

/** Errors no reconnect can fix: the page explains them instead of retrying. */
const FINAL_ERRORS = new Set(['ADMISSION_DENIED', 'LINK_REVOKED', 'LINK_EXPIRED', 'APPOINTMENT_CANCELLED']);

export class ConsultClient {
  private readonly listeners = new Set<() => void>();
  private socket: ConsultSocket | null = null;
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private producers = new Map<MediaSource, types.Producer>();
  private remoteProducers = new Map<string, RemoteProducer>();
  private peers = new Map<string, PeerInfo>();
  private inputs: ConnectionInputs = {
    socket: 'connecting',
    joined: false,
    send: null,
    recv: null,
    terminal: null,
    everConnected: false,
  };
  private iceRestarts = 0;
  private joining: Promise<void> | null = null;
  /** The server holds a peer for this socket: a rejoin must leave first or it is refused. */
  private joinedOnSocket = false;
  /** Producers announced while transports were still being made; consumed once they exist. */
  private pendingProducers: ProducerInfo[] = [];
  /** The imaging track to publish; kept across rejoins like the camera. */
  private imagingTrack: MediaStreamTrack | null = null;
  private readonly notificationListeners = new Set<(notification: Notification) => void>();
  private snapshot: ConsultSnapshot = {
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

  constructor(private readonly options: ConsultClientOptions) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConsultSnapshot => this.snapshot;

  start(): void {
    if (this.socket) return;
    const socket = (this.options.openSocket ?? openConsultSocket)(this.options.auth);
    this.socket = socket;
    socket.on('connect', () => {
      this.setInputs({ socket: 'up' });
      void this.rejoin();
    });
    socket.on('disconnect', (reason) => {
      this.joinedOnSocket = false;
      this.resetMedia();
      // socket.io retries every drop except one the server chose, which it does when the consult
      // ends; a room:closed sent just before may not have reached a peer that was rejoining.
      if (this.inputs.terminal === 'failed') return; // e.g. turned away: the reason is already shown
      if (reason === 'io server disconnect') return this.close('the consult was closed');
      this.setInputs({ socket: 'down', joined: false, send: null, recv: null });
    });
    socket.on('connect_error', (error: Error & { data?: ProtocolError }) => {
      // A refused handshake (bad link, ended consult) will not get better by retrying.
      if (error.data?.code) {
        socket.disconnect();
        this.fail(error.data);
      }
    });
    socket.on('notification', (notification) => this.onNotification(notification));
  }

  async toggleMic(): Promise<void> {
    await this.toggle('microphone', 'micMuted');
  }

  async toggleCamera(): Promise<void> {
    await this.toggle('camera', 'cameraOff');
  }

  /** Publishes an imaging source (a second camera or a screen) beside the camera, tuned for detail. */
  async publishImaging(track: MediaStreamTrack): Promise<void> {
    await this.stopImaging();
    this.imagingTrack = track;
    this.snapshot = { ...this.snapshot, imagingPublished: true };
    this.emit();
    await this.produceImaging();
  }

  async stopImaging(): Promise<void> {
    const producer = this.producers.get('imaging');
    this.imagingTrack = null;
    this.producers.delete('imaging');
    this.snapshot = { ...this.snapshot, imagingPublished: false };
    this.emit();
    if (!producer) return;
    producer.close();
    if (this.socket)
      await request(this.socket, 'producer:close', { producerId: producer.id }).catch(() => undefined);
  }

  /** The receiver's WebRTC stats of a peer's imaging source (resolution, frame rate, bytes). */
  async imagingStats(producerId: string): Promise<RTCStatsReport | null> {
    return (await this.remoteProducers.get(producerId)?.consumer?.getStats()) ?? null;
  }

  /** A request on the consult socket, for features built beside the client (the image viewer). */
  send<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponseMap[K]> {
    if (!this.socket)
      return Promise.reject(new SignallingError({ code: 'NOT_JOINED', message: 'not connected' }));
    return request(this.socket, name, payload);
  }

  /** Every notification of the consult socket, for features built beside the client. */
  addNotificationListener(listener: (notification: Notification) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  /** Prefer a simulcast layer for a peer's camera (0 = thumbnail … 2 = full). */
  async setPreferredLayer(peerId: string, spatialLayer: number): Promise<void> {
    for (const remote of this.remoteProducers.values()) {
      if (
        remote.info.peerId === peerId &&
        remote.info.source === 'camera' &&
        remote.consumer &&
        this.socket
      ) {
        await request(this.socket, 'consumer:setPreferredLayers', {
          consumerId: remote.consumer.id,
          spatialLayer,
        });
      }
    }
  }

  /** Sends a chat message: to the room, or (clinicians) privately to one waiting patient. */
  async sendChat(text: string, privateTo?: string): Promise<void> {
    if (!this.socket) throw new SignallingError({ code: 'NOT_JOINED', message: 'not connected' });
    const { message } = await request(this.socket, 'chat:send', {
      text,
      ...(privateTo === undefined ? {} : { privateTo }),
    });
    this.addChat([message]);
  }

  async admit(participantId: string): Promise<void> {
    if (this.socket) await request(this.socket, 'lobby:admit', { participantId });
  }

  async deny(participantId: string, message?: string): Promise<void> {
    if (this.socket)
      await request(this.socket, 'lobby:deny', { participantId, ...(message ? { message } : {}) });
  }

  async leave(): Promise<void> {
    if (this.socket?.connected) await request(this.socket, 'room:leave', {}).catch(() => undefined);
    this.close('you left the consult');
  }

  close(reason: string): void {
    this.resetMedia();
    this.socket?.off();
    this.socket?.disconnect();
    this.snapshot = { ...this.snapshot, closedReason: reason };
    this.setInputs({ terminal: 'closed' });
  }

  private async toggle(source: MediaSource, flag: 'micMuted' | 'cameraOff'): Promise<void> {
    const producer = this.producers.get(source);
    const next = !this.snapshot[flag];
    this.snapshot = { ...this.snapshot, [flag]: next };
    this.emit();
    if (!producer || !this.socket) return;
    // Pausing at the SFU stops forwarding at once; pausing locally stops the encoder.
    if (next) {
      producer.pause();
      await request(this.socket, 'producer:pause', { producerId: producer.id }).catch(() => undefined);
    } else {
      producer.resume();
      await request(this.socket, 'producer:resume', { producerId: producer.id }).catch(() => undefined);
    }
  }

  private rejoin(): Promise<void> {
    this.joining ??= this.join().finally(() => {
      this.joining = null;
    });
    return this.joining;
  }

  private async join(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.resetMedia();
    this.pendingProducers = [];
    this.setInputs({ joined: false, send: null, recv: null });
    try {
      if (this.joinedOnSocket) {
        this.joinedOnSocket = false;
        await request(socket, 'room:leave', {}).catch(() => undefined);
      }
      const joined = await request(socket, 'room:join', {
        displayName: this.options.displayName,
        ...(this.options.deviceCheck ? { deviceCheck: this.options.deviceCheck } : {}),
      });
      this.addChat(joined.chat);
      if (joined.status === 'waiting') {
        // Nothing of the room until the clinician admits us; lobby:admitted triggers the next join.
        this.snapshot = {
          ...this.snapshot,
          admission: 'waiting',
          waitingSince: joined.waitingSince,
          error: null,
        };
        this.emit();
        return;
      }
      this.snapshot = { ...this.snapshot, admission: 'admitted' };
      this.joinedOnSocket = true;
      this.device = this.options.createDevice?.() ?? new Device();
      await this.device.load({
        routerRtpCapabilities: joined.routerRtpCapabilities as types.RtpCapabilities,
      });
      // Merge: a peer:joined may have arrived while the join was answered.
      for (const peer of joined.peers) this.peers.set(peer.peerId, peer);
      this.snapshot = { ...this.snapshot, self: joined.self, error: null };
      this.recvTransport = await this.createTransport('recv');
      this.sendTransport = await this.createTransport('send');
      this.setInputs({ joined: true, everConnected: true });
      await this.produceLocal();
      const announced = this.pendingProducers.filter(
        (p) => !joined.producers.some((known) => known.producerId === p.producerId),
      );
      this.pendingProducers = [];
      for (const producer of [...joined.producers, ...announced]) {
        await this.consume(producer).catch((error: unknown) => this.onError(error));
      }
      this.iceRestarts = 0;
      this.publishRemotes();
    } catch (error) {
      this.onError(error);
    }
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const socket = this.socket!;
    const options = await request(socket, 'transport:create', { direction });
    const params = {
      id: options.transportId,
      iceParameters: options.iceParameters as types.IceParameters,
      iceCandidates: options.iceCandidates as types.IceCandidate[],
      dtlsParameters: options.dtlsParameters as types.DtlsParameters,
    };
    const transport =
      direction === 'send'
        ? this.device!.createSendTransport(params)
        : this.device!.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(socket, 'transport:connect', {
        transportId: transport.id,
        dtlsParameters: dtlsParameters as never,
      }).then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        request(socket, 'producer:create', {
          transportId: transport.id,
          kind,
          rtpParameters: rtpParameters as never,
          source: appData.source as MediaSource,
        }).then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    transport.on('connectionstatechange', (state) => this.onTransportState(direction, transport, state));
    return transport;
  }

  private onTransportState(
    direction: 'send' | 'recv',
    transport: types.Transport,
    state: RTCPeerConnectionState,
  ): void {
    const current = direction === 'send' ? this.sendTransport : this.recvTransport;
    if (current !== transport) return;
    this.setInputs(direction === 'send' ? { send: state } : { recv: state });
    if (state === 'connected') this.iceRestarts = 0;
    if (state === 'disconnected' || state === 'failed') void this.restartIce(transport);
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    if (!this.socket?.connected) return; // the socket's reconnect will rejoin
    this.iceRestarts += 1;
    if (this.iceRestarts > ICE_RESTART_LIMIT) {
      await this.rejoin();
      return;
    }
    try {
      const { iceParameters } = await request(this.socket, 'transport:restartIce', {
        transportId: transport.id,
      });
      await transport.restartIce({ iceParameters: iceParameters as types.IceParameters });
    } catch {
      await this.rejoin();
    }
  }

  private async produceLocal(): Promise<void> {
    const stream = this.options.localStream;
    if (!stream || !this.sendTransport) return;
    const audio = stream.getAudioTracks()[0];
    const video = stream.getVideoTracks()[0];
    if (audio) {
      const producer = await this.sendTransport.produce({
        track: audio,
        appData: { source: 'microphone' },
        stopTracks: false,
      });
      this.producers.set('microphone', producer);
      if (this.snapshot.micMuted) await this.pauseProducer(producer);
    }
    if (video && this.device?.canProduce('video')) {
      const producer = await this.sendTransport.produce({
        track: video,
        encodings: CAMERA_ENCODINGS,
        codecOptions: { videoGoogleStartBitrate: 1000 },
        appData: { source: 'camera' },
        stopTracks: false,
      });
      this.producers.set('camera', producer);
      if (this.snapshot.cameraOff) await this.pauseProducer(producer);
    }
    if (!audio && !video) this.setInputs({ send: null });
    await this.produceImaging();
  }

  private async produceImaging(): Promise<void> {
    const track = this.imagingTrack;
    if (!track || !this.sendTransport || !this.device?.canProduce('video')) return;
    tuneForDetail(track);
    const codec = imagingCodec(this.device);
    const producer = await this.sendTransport.produce({
      track,
      encodings: [IMAGING_ENCODING],
      ...(codec ? { codec } : {}),
      codecOptions: { videoGoogleStartBitrate: IMAGING_START_BITRATE_KBPS },
      appData: { source: 'imaging' },
      stopTracks: false,
    });
    this.producers.set('imaging', producer);
    await preferResolution(producer.rtpSender);
  }

  private async pauseProducer(producer: types.Producer): Promise<void> {
    producer.pause();
    await request(this.socket!, 'producer:pause', { producerId: producer.id });
  }

  private async consume(info: ProducerInfo): Promise<void> {
    const { recvTransport: transport, device, socket } = this;
    if (!transport || !device || !socket) return;
    const entry: RemoteProducer = { info, consumer: null };
    this.remoteProducers.set(info.producerId, entry);
    const options = await request(socket, 'consumer:create', {
      transportId: transport.id,
      producerId: info.producerId,
      rtpCapabilities: device.recvRtpCapabilities as never,
    });
    if (transport.closed) return;
    const consumer = await transport.consume({
      id: options.consumerId,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    // The producer closed (or we rejoined) while this was being set up.
    if (this.remoteProducers.get(info.producerId) !== entry) {
      consumer.close();
      return;
    }
    entry.consumer = consumer;
    // The SFU created it paused: resume once the track exists so the first keyframe is not lost.
    await request(socket, 'consumer:resume', { consumerId: options.consumerId });
    this.publishRemotes();
  }

  private onNotification(notification: Notification): void {
    this.notificationListeners.forEach((listener) => listener(notification));
    switch (notification.type) {
      case 'viewer:changed':
        return;
      case 'peer:joined':
        this.peers.set(notification.peer.peerId, notification.peer);
        break;
      case 'peer:left':
        this.peers.delete(notification.peerId);
        for (const [id, remote] of this.remoteProducers) {
          if (remote.info.peerId === notification.peerId) {
            remote.consumer?.close();
            this.remoteProducers.delete(id);
          }
        }
        break;
      case 'producer:added':
        if (!this.recvTransport) this.pendingProducers.push(notification.producer);
        else void this.consume(notification.producer).catch((error: unknown) => this.onError(error));
        return;
      case 'producer:paused':
      case 'producer:resumed': {
        const remote = this.remoteProducers.get(notification.producerId);
        if (remote) remote.info = { ...remote.info, paused: notification.type === 'producer:paused' };
        break;
      }
      case 'producer:closed':
        this.remoteProducers.get(notification.producerId)?.consumer?.close();
        this.remoteProducers.delete(notification.producerId);
        break;
      case 'consumer:closed':
        for (const [id, remote] of this.remoteProducers) {
          if (remote.consumer?.id === notification.consumerId) {
            remote.consumer.close();
            this.remoteProducers.delete(id);
          }
        }
        break;
      case 'room:mediaReset':
        // The server already forgot our peer, so the rejoin must not leave first.
        this.joinedOnSocket = false;
        void this.rejoin();
        return;
      case 'room:closed':
        this.close(notification.reason);
        return;
      case 'consumer:layersChanged':
        return;
      case 'room:activeSpeaker':
        this.snapshot = { ...this.snapshot, activeSpeakerId: notification.peerId };
        this.emit();
        return;
      case 'lobby:admitted':
        void this.rejoin();
        return;
      case 'lobby:changed':
        this.snapshot = { ...this.snapshot, waitingPatients: notification.waiting };
        this.emit();
        return;
      case 'chat:message':
        this.addChat([notification.message]);
        return;
      case 'error':
        // Final: turned away, or the link was replaced (the server disconnects right after).
        if (FINAL_ERRORS.has(notification.error.code)) return this.fail(notification.error);
        this.snapshot = { ...this.snapshot, error: notification.error };
        break;
    }
    this.publishRemotes();
  }

  private publishRemotes(): void {
    const byPeer = new Map<string, RemoteMedia>();
    const imaging: RemoteImaging[] = [];
    for (const peer of this.peers.values()) {
      byPeer.set(peer.peerId, { peer, video: null, audio: null, videoPaused: false, audioPaused: false });
    }
    for (const { info, consumer } of this.remoteProducers.values()) {
      const media = byPeer.get(info.peerId);
      if (media && consumer && info.source === 'imaging' && info.kind === 'video')
        imaging.push({
          producerId: info.producerId,
          peer: media.peer,
          track: consumer.track,
          paused: info.paused,
        });
      if (!media || !consumer || info.source === 'screen' || info.source === 'imaging') continue;
      if (info.kind === 'video') {
        media.video = consumer.track;
        media.videoPaused = info.paused;
      } else {
        media.audio = consumer.track;
        media.audioPaused = info.paused;
      }
    }
    const speaker = this.snapshot.activeSpeakerId;
    const activeSpeakerId =
      speaker && (byPeer.has(speaker) || speaker === this.snapshot.self?.peerId) ? speaker : null;
    this.snapshot = { ...this.snapshot, remotes: [...byPeer.values()], imaging, activeSpeakerId };
    this.emit();
  }

  private onError(error: unknown): void {
    const protocolError =
      error instanceof SignallingError
        ? error.error
        : { code: 'INTERNAL' as const, message: error instanceof Error ? error.message : String(error) };
    if (protocolError.code === 'CONSULT_ENDED') return this.close('the consult has ended');
    if (FINAL_ERRORS.has(protocolError.code)) return this.fail(protocolError);
    // A producer that closed while we were subscribing to it is not the user's problem.
    if (protocolError.code === 'NOT_FOUND') return;
    this.snapshot = { ...this.snapshot, error: protocolError };
    this.emit();
  }

  /** Merges messages by id (the ack and the broadcast of one's own message both arrive). */
  private addChat(messages: ChatMessage[]): void {
    if (messages.length === 0) return;
    const byId = new Map(this.snapshot.chat.map((m) => [m.id, m]));
    for (const message of messages) byId.set(message.id, message);
    const chat = [...byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    this.snapshot = { ...this.snapshot, chat };
    this.emit();
  }

  private fail(error: ProtocolError): void {
    this.resetMedia();
    this.snapshot = { ...this.snapshot, error };
    this.setInputs({ terminal: 'failed' });
  }

  private resetMedia(): void {
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    for (const remote of this.remoteProducers.values()) remote.consumer?.close();
    this.remoteProducers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.peers.clear();
    this.snapshot = { ...this.snapshot, remotes: [], imaging: [], activeSpeakerId: null };
  }

  private setInputs(change: Partial<ConnectionInputs>): void {
    this.inputs = { ...this.inputs, ...change };
    const state = deriveConnectionState(this.inputs);
    if (state !== this.snapshot.state) this.snapshot = { ...this.snapshot, state };
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}
