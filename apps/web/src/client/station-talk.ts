import type { Device, types } from 'mediasoup-client';
import type {
  BedView,
  StationRequestName,
  StationRequestPayload,
  StationResponseMap,
} from '@teleconsult/protocol';

/** Talk-down as the station sees it: to which bed, how far it got, and the bedside's voice once heard. */
export interface StationTalk {
  bedId: string;
  state: 'starting' | 'on';
  /** The bedside microphone (a tablet's), while the talk lasts. */
  bedAudio: MediaStreamTrack | null;
}

export interface StationTalkDeps {
  request<K extends StationRequestName>(
    name: K,
    payload: StationRequestPayload<K>,
  ): Promise<StationResponseMap[K]>;
  device(): Device | null;
  /** The ward's receive transport: the bedside microphone is consumed on it. */
  receiveTransport(): types.Transport | null;
  getMicrophone(): Promise<MediaStreamTrack>;
  onChange(talk: StationTalk | null): void;
}

/** Echo cancellation matters: the station plays the bedside's voice while its microphone is open. */
export const openMicrophone = async (): Promise<MediaStreamTrack> => {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  return stream.getAudioTracks()[0]!;
};

/**
 * One talk-down at a time from this station: a send transport in the ward room for the
 * clinician's microphone, and (when the bedside has one) a consumer of the bedside microphone on
 * the ward's receive transport. Ends by request, or when the api says it ended.
 */
export class StationTalkDown {
  private talk: StationTalk | null = null;
  private transport: types.Transport | null = null;
  private producer: types.Producer | null = null;
  private track: MediaStreamTrack | null = null;
  private bedConsumer: types.Consumer | null = null;
  private bedProducerId: string | null = null;
  /** Bumped at every end: a start still in flight notices it was cancelled. */
  private generation = 0;

  constructor(private readonly deps: StationTalkDeps) {}

  get current(): StationTalk | null {
    return this.talk;
  }

  /** The send transport (for tests and the debug handle). */
  get sendTransport(): types.Transport | null {
    return this.transport;
  }

  get bedAudioConsumer(): types.Consumer | null {
    return this.bedConsumer;
  }

  async start(bed: BedView): Promise<void> {
    if (this.talk?.bedId === bed.id) return;
    if (this.talk) await this.stop();
    const generation = ++this.generation;
    this.set({ bedId: bed.id, state: 'starting', bedAudio: null });
    const cancelled = () => generation !== this.generation;
    try {
      const device = this.deps.device();
      if (!device) throw new Error('the station’s media is not ready yet');
      const track = await this.deps.getMicrophone();
      if (cancelled()) {
        track.stop();
        return;
      }
      this.track = track;
      const options = await this.deps.request('talk:start', { bedId: bed.id });
      if (cancelled()) {
        void this.deps.request('talk:stop', { bedId: bed.id }).catch(() => undefined);
        return;
      }
      const transport = device.createSendTransport({
        id: options.transportId,
        iceParameters: options.iceParameters as types.IceParameters,
        iceCandidates: options.iceCandidates as types.IceCandidate[],
        dtlsParameters: options.dtlsParameters as types.DtlsParameters,
      });
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        this.deps
          .request('transport:connect', {
            transportId: transport.id,
            dtlsParameters: dtlsParameters as never,
          })
          .then(() => callback(), errback);
      });
      transport.on('produce', ({ rtpParameters }, callback, errback) => {
        this.deps
          .request('talk:produce', { transportId: transport.id, rtpParameters: rtpParameters as never })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
      this.transport = transport;
      const producer = await transport.produce({
        track,
        stopTracks: false,
        appData: { source: 'microphone' },
      });
      if (cancelled()) {
        producer.close();
        return;
      }
      this.producer = producer;
      this.set({ bedId: bed.id, state: 'on', bedAudio: null });
      await this.syncBed(bed);
    } catch (error) {
      if (!cancelled()) {
        const bedId = bed.id;
        this.end();
        void this.deps.request('talk:stop', { bedId }).catch(() => undefined);
      }
      throw error;
    }
  }

  /** Stops talking (asks the api, then cleans up whatever it says). */
  async stop(): Promise<void> {
    const bedId = this.talk?.bedId;
    this.end();
    if (bedId) await this.deps.request('talk:stop', { bedId }).catch(() => undefined);
  }

  /** The api ended it (bed offline, media reset) or the socket went away: clean up without asking. */
  end(): void {
    this.generation += 1;
    this.producer?.close();
    this.transport?.close();
    this.track?.stop();
    this.closeBedConsumer();
    this.producer = null;
    this.transport = null;
    this.track = null;
    if (this.talk) this.set(null);
  }

  /** A bed changed: consume its microphone when it appears, drop it when it goes. */
  async syncBed(bed: BedView): Promise<void> {
    if (this.talk?.bedId !== bed.id || this.talk.state !== 'on') return;
    const wanted = bed.microphoneProducerId;
    if (wanted === this.bedProducerId) return;
    this.closeBedConsumer();
    this.bedProducerId = wanted;
    if (this.talk.bedAudio) this.set({ ...this.talk, bedAudio: null });
    const transport = this.deps.receiveTransport();
    const device = this.deps.device();
    if (!wanted || !transport || !device) return;
    const generation = this.generation;
    const options = await this.deps.request('consumer:create', {
      transportId: transport.id,
      bedId: bed.id,
      rtpCapabilities: device.recvRtpCapabilities as never,
      source: 'microphone',
    });
    const stale = () => generation !== this.generation || this.bedProducerId !== wanted;
    if (stale()) {
      void this.deps.request('consumer:close', { consumerId: options.consumerId }).catch(() => undefined);
      return;
    }
    const consumer = await transport.consume({
      id: options.consumerId,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    if (stale()) {
      consumer.close();
      return;
    }
    this.bedConsumer = consumer;
    await this.deps.request('consumer:resume', { consumerId: consumer.id });
    if (this.talk) this.set({ ...this.talk, bedAudio: consumer.track });
  }

  private closeBedConsumer(): void {
    const consumer = this.bedConsumer;
    this.bedConsumer = null;
    this.bedProducerId = null;
    if (!consumer) return;
    consumer.close();
    void this.deps.request('consumer:close', { consumerId: consumer.id }).catch(() => undefined);
  }

  private set(talk: StationTalk | null): void {
    this.talk = talk;
    this.deps.onChange(talk);
  }
}
