import { Device, type types } from 'mediasoup-client';
import type {
  BedsideClientToServerEvents,
  BedsideNotification,
  BedsideRequestName,
  BedsideRequestPayload,
  BedsideResponseMap,
  BedsideServerToClientEvents,
  BedsideWelcome,
  ProtocolError,
} from '@teleconsult/protocol';
import { io, type Socket } from 'socket.io-client';
import { SignallingError, ackedRequest } from './signalling-channel';

export type BedsideSocket = Socket<BedsideServerToClientEvents, BedsideClientToServerEvents>;

export type BedsideConnection = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface BedsideSnapshot {
  connection: BedsideConnection;
  /** The bed this device is enrolled to, from the api's welcome. */
  bed: BedsideWelcome | null;
  /** The tablet's camera and microphone (null until granted). */
  localStream: MediaStream | null;
  /** The camera as the station sees it: published once its producer exists. */
  camera: 'off' | 'starting' | 'live' | 'failed';
  /** RTCPeerConnection state of the send transport (null before it exists). */
  media: RTCPeerConnectionState | null;
  /** A station talking to this bed: who, and their voice once consumed. */
  talk: { clinician: string; producerId: string; track: MediaStreamTrack | null } | null;
  error: ProtocolError | null;
}

export interface BedsideClientOptions {
  deviceToken: string;
  /** Injected in tests: a scripted socket. */
  openSocket?: (auth: { deviceToken: string }) => BedsideSocket;
  /** Injected in tests: a Device on mediasoup-client's FakeHandler. */
  createDevice?: () => Device;
  /** Injected in tests: the tablet's camera and microphone. */
  getMedia?: () => Promise<MediaStream>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Three simulcast layers like a headless bed camera's (160×90, 320×180, 640×360 from a 640×360
 * capture): the station takes layer 0 for a tile and layer 2 for the close-up.
 */
export const BEDSIDE_CAMERA_ENCODINGS = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 80_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 200_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 600_000 },
];

const openBedsideSocket = (auth: { deviceToken: string }): BedsideSocket =>
  io('/bedside', { auth, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 4_000 });

/** A bedside tablet: a modest camera (the station shows a thumbnail, a 640-wide close-up at most). */
const openTabletMedia = () =>
  navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } },
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });

/**
 * The browser bedside unit, without React: a device token binds the /bedside socket to one bed;
 * the tablet's camera goes to the ward's SFU room over WebRTC (simulcast, like a consult camera,
 * so the station picks thumbnail or close-up layers), a station's talk-down is consumed and played,
 * and the microphone is produced only while a station talks to the bed. No vital signs: a tablet
 * has no monitor.
 */
export class BedsideClient {
  private readonly listeners = new Set<() => void>();
  private socket: BedsideSocket | null = null;
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private cameraProducer: types.Producer | null = null;
  private micProducer: types.Producer | null = null;
  private talkConsumer: types.Consumer | null = null;
  /** Bumped whenever media is torn down: late answers from an older build are discarded. */
  private generation = 0;
  private everConnected = false;
  /** Talk notifications are handled one after another (incoming, ended, incoming…). */
  private talkChain: Promise<void> = Promise.resolve();
  private snapshot: BedsideSnapshot = {
    connection: 'connecting',
    bed: null,
    localStream: null,
    camera: 'off',
    media: null,
    talk: null,
    error: null,
  };

  constructor(private readonly options: BedsideClientOptions) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BedsideSnapshot => this.snapshot;

  /** Internals a browser test inspects. */
  get transports(): { send: types.Transport | null; recv: types.Transport | null } {
    return { send: this.sendTransport, recv: this.recvTransport };
  }

  get producers(): { camera: types.Producer | null; microphone: types.Producer | null } {
    return { camera: this.cameraProducer, microphone: this.micProducer };
  }

  async start(): Promise<void> {
    if (this.socket) return;
    try {
      const stream = await (this.options.getMedia ?? openTabletMedia)();
      if (this.snapshot.connection === 'closed') {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      this.update({ localStream: stream });
    } catch (error) {
      // Without a camera the unit still connects: the station sees it online, without video.
      this.update({
        error: {
          code: 'FORBIDDEN',
          message: `camera and microphone unavailable (${error instanceof Error ? error.message : String(error)})`,
        },
      });
    }
    if (this.snapshot.connection === 'closed') return;
    const socket = (this.options.openSocket ?? openBedsideSocket)({ deviceToken: this.options.deviceToken });
    this.socket = socket;
    socket.on('connect', () => {
      this.everConnected = true;
      this.update({ connection: 'connected', error: null });
    });
    socket.on('disconnect', (reason) => {
      this.resetMedia();
      if (this.snapshot.connection === 'closed') return;
      // The api hangs up on purpose when another device took this bed or the token was replaced.
      if (reason === 'io server disconnect')
        this.update({
          connection: 'failed',
          error: {
            code: 'UNAUTHENTICATED',
            message: 'another device took this bed, or its token was replaced',
          },
        });
      else this.update({ connection: 'reconnecting' });
    });
    socket.on('connect_error', (error: Error & { data?: ProtocolError }) => {
      if (!error.data?.code) {
        this.update({ connection: this.everConnected ? 'reconnecting' : 'connecting' });
        return; // a network error: socket.io retries by itself
      }
      // A refused token will not be accepted on a retry.
      socket.disconnect();
      this.update({ connection: 'failed', error: error.data });
    });
    socket.on('notification', (notification) => this.onNotification(notification));
  }

  stop(): void {
    this.snapshot = { ...this.snapshot, connection: 'closed' };
    this.resetMedia();
    this.snapshot.localStream?.getTracks().forEach((t) => t.stop());
    this.socket?.off();
    this.socket?.disconnect();
    this.socket = null;
    this.snapshot = { ...this.snapshot, localStream: null };
    this.emit();
  }

  private async request<K extends BedsideRequestName>(
    name: K,
    payload: BedsideRequestPayload<K>,
  ): Promise<BedsideResponseMap[K]> {
    if (!this.socket) throw new SignallingError({ code: 'NOT_JOINED', message: 'not connected' });
    return ackedRequest<BedsideResponseMap[K]>(this.socket, name, payload, REQUEST_TIMEOUT_MS);
  }

  private onNotification(notification: BedsideNotification): void {
    switch (notification.type) {
      case 'welcome':
        this.update({ bed: notification.bed });
        void this.buildMedia().catch((error: unknown) => this.onError(error));
        return;
      case 'video:focus':
        // The browser always sends every simulcast layer; the SFU forwards the one a station wants.
        return;
      case 'talk:incoming':
        this.update({
          talk: { clinician: notification.clinician, producerId: notification.producerId, track: null },
        });
        this.serially(() => this.hear(notification.producerId));
        return;
      case 'talk:ended':
        this.serially(() => this.hangUp(notification.producerId));
        return;
      case 'error':
        this.update({ error: notification.error });
        return;
    }
  }

  /** Router capabilities, one send and one receive transport, then the camera. */
  private async buildMedia(): Promise<void> {
    this.resetMedia(true);
    const generation = this.generation;
    const { rtpCapabilities } = await this.request('media:capabilities', {});
    const device = this.options.createDevice?.() ?? new Device();
    await device.load({ routerRtpCapabilities: rtpCapabilities as types.RtpCapabilities });
    if (generation !== this.generation) return;
    this.device = device;
    const send = await this.createTransport('send', generation);
    const recv = await this.createTransport('recv', generation);
    if (!send || !recv) return;
    const video = this.snapshot.localStream?.getVideoTracks()[0];
    if (video && device.canProduce('video')) {
      this.update({ camera: 'starting' });
      try {
        const producer = await send.produce({
          track: video,
          encodings: BEDSIDE_CAMERA_ENCODINGS,
          codecOptions: { videoGoogleStartBitrate: 1000 },
          appData: { source: 'camera' },
          stopTracks: false,
        });
        if (generation !== this.generation) {
          producer.close();
          return;
        }
        this.cameraProducer = producer;
        this.update({ camera: 'live' });
      } catch (error) {
        this.update({ camera: 'failed' });
        throw error;
      }
    }
    // A talk-down that was already on when this device (re)connected.
    const talk = this.snapshot.talk;
    if (talk && !this.talkConsumer) this.serially(() => this.hear(talk.producerId));
  }

  private async createTransport(
    direction: 'send' | 'recv',
    generation: number,
  ): Promise<types.Transport | null> {
    const options = await this.request('transport:create', { direction });
    if (generation !== this.generation || !this.device) return null;
    const params = {
      id: options.transportId,
      iceParameters: options.iceParameters as types.IceParameters,
      iceCandidates: options.iceCandidates as types.IceCandidate[],
      dtlsParameters: options.dtlsParameters as types.DtlsParameters,
    };
    const transport =
      direction === 'send'
        ? this.device.createSendTransport(params)
        : this.device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.request('transport:connect', {
        transportId: transport.id,
        dtlsParameters: dtlsParameters as never,
      }).then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        this.request('producer:create', {
          transportId: transport.id,
          kind,
          rtpParameters: rtpParameters as never,
          source: appData.source === 'microphone' ? 'microphone' : 'camera',
        }).then(({ producerId }) => callback({ id: producerId }), errback);
      });
      transport.on('connectionstatechange', (state) => {
        if (this.sendTransport !== transport) return;
        this.update({ media: state });
        // No ICE restart in the bedside contract: rebuild from scratch.
        if (state === 'failed') void this.buildMedia().catch((error: unknown) => this.onError(error));
      });
      this.sendTransport = transport;
      this.update({ media: 'new' });
    } else {
      this.recvTransport = transport;
    }
    return transport;
  }

  /** Plays the station's voice and opens the microphone back to it. */
  private async hear(producerId: string): Promise<void> {
    const { recvTransport: recv, sendTransport: send, device } = this;
    if (!recv || !send || !device || this.snapshot.talk?.producerId !== producerId) return;
    const generation = this.generation;
    const options = await this.request('consumer:create', {
      transportId: recv.id,
      producerId,
      rtpCapabilities: device.recvRtpCapabilities as never,
    });
    const consumer = await recv.consume({
      id: options.consumerId,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    if (generation !== this.generation || this.snapshot.talk?.producerId !== producerId) {
      consumer.close();
      void this.request('consumer:close', { consumerId: consumer.id }).catch(() => undefined);
      return;
    }
    this.talkConsumer = consumer;
    await this.request('consumer:resume', { consumerId: consumer.id });
    const talk = this.snapshot.talk;
    if (talk?.producerId !== producerId || this.talkConsumer !== consumer) return;
    this.update({ talk: { ...talk, track: consumer.track } });
    const audio = this.snapshot.localStream?.getAudioTracks()[0];
    if (audio && !this.micProducer) {
      this.micProducer = await send.produce({
        track: audio,
        appData: { source: 'microphone' },
        stopTracks: false,
      });
    }
  }

  private async hangUp(producerId: string): Promise<void> {
    if (this.snapshot.talk?.producerId !== producerId) return;
    this.closeTalk(true);
    this.update({ talk: null });
  }

  /** Closes the talk consumer and the microphone (the api closes both too when a talk ends). */
  private closeTalk(tellApi: boolean): void {
    const consumer = this.talkConsumer;
    const mic = this.micProducer;
    this.talkConsumer = null;
    this.micProducer = null;
    consumer?.close();
    mic?.close();
    if (!tellApi) return;
    if (consumer) void this.request('consumer:close', { consumerId: consumer.id }).catch(() => undefined);
    if (mic) void this.request('producer:close', { producerId: mic.id }).catch(() => undefined);
  }

  private serially(step: () => Promise<void>): void {
    this.talkChain = this.talkChain.then(step).catch((error: unknown) => this.onError(error));
  }

  /** Closes every transport; `keepTalk` when rebuilding on a live connection (the talk goes on). */
  private resetMedia(keepTalk = false): void {
    this.generation += 1;
    this.closeTalk(false);
    this.cameraProducer?.close();
    this.cameraProducer = null;
    // On a live connection the api must drop them too, or the old camera blocks the new one.
    if (this.socket?.connected)
      for (const transport of [this.sendTransport, this.recvTransport])
        if (transport)
          void this.request('transport:close', { transportId: transport.id }).catch(() => undefined);
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.device = null;
    const talk = keepTalk ? this.snapshot.talk : null;
    this.snapshot = {
      ...this.snapshot,
      camera: 'off',
      media: null,
      talk: talk ? { ...talk, track: null } : null,
    };
    this.emit();
  }

  private onError(error: unknown): void {
    const protocolError: ProtocolError =
      error instanceof SignallingError
        ? error.error
        : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
    this.update({ error: protocolError });
  }

  private update(change: Partial<BedsideSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}
