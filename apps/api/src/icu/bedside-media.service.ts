import { Injectable } from '@nestjs/common';
import type {
  BedsideRequestPayload,
  BedsideResponseMap,
  DtlsParameters,
  RtpCapabilities,
  TransportDirection,
} from '@teleconsult/protocol';
import { ApiError } from '../common/api-error';
import { SfuClient } from '../sfu/sfu-client.service';
import type { BedRow } from './entities/bed.entity';
import { type LiveBed, LiveBeds } from './live-beds.service';
import { bedPeerId, wardRoomId } from './ward-room';

/** What a bed's device made in the SFU beyond its plain camera transport, to check and to clean up. */
interface DeviceHandles {
  /** producerId → the transport it was produced on. */
  producers: Map<string, string>;
  consumerIds: Set<string>;
}

/** A tablet needs three (send, recv, and a spare while rebuilding): more is a misbehaving device. */
const MAX_DEVICE_TRANSPORTS = 4;

/**
 * A bedside device's own media handles in its ward room: WebRTC transports for a tablet page (camera
 * and microphone out, talk-down audio in) and a plain receive transport for a headless unit's
 * talk-down audio. The device holds no SFU secret: every handle is checked against its bed here.
 */
@Injectable()
export class BedsideMediaService {
  private readonly handles = new Map<string, DeviceHandles>();

  constructor(
    private readonly sfu: SfuClient,
    private readonly live: LiveBeds,
  ) {}

  async capabilities(bed: BedRow): Promise<{ rtpCapabilities: RtpCapabilities }> {
    const { rtpCapabilities } = await this.sfu.request('router:ensure', { roomId: wardRoomId(bed.wardId) });
    return { rtpCapabilities };
  }

  async createTransport(
    bed: BedRow,
    direction: TransportDirection,
  ): Promise<BedsideResponseMap['transport:create']> {
    this.checkTransportLimit(bed);
    const roomId = wardRoomId(bed.wardId);
    await this.sfu.request('router:ensure', { roomId });
    const { sctpParameters: _sctp, ...transport } = await this.sfu.request('transport:create', {
      roomId,
      peerId: bedPeerId(bed.id),
      direction,
    });
    this.liveOf(bed).deviceTransportIds.add(transport.transportId);
    return transport;
  }

  async createPlain(bed: BedRow): Promise<BedsideResponseMap['transport:createPlain']> {
    this.checkTransportLimit(bed);
    const roomId = wardRoomId(bed.wardId);
    await this.sfu.request('router:ensure', { roomId });
    const transport = await this.sfu.request('transport:createPlain', { roomId, peerId: bedPeerId(bed.id) });
    this.liveOf(bed).deviceTransportIds.add(transport.transportId);
    return transport;
  }

  async connect(
    bed: BedRow,
    transportId: string,
    dtlsParameters: DtlsParameters,
  ): Promise<Record<string, never>> {
    this.ownTransport(bed, transportId);
    return this.sfu.request('transport:connect', { transportId, dtlsParameters });
  }

  async produce(
    bed: BedRow,
    { transportId, kind, rtpParameters, source }: BedsideRequestPayload<'producer:create'>,
  ): Promise<{ producerId: string }> {
    const live = this.ownTransport(bed, transportId);
    const expected = source === 'camera' ? 'video' : 'audio';
    if (kind !== expected)
      throw new ApiError('VALIDATION_FAILED', `kind: a ${source} is ${expected}`, 'kind');
    if (source === 'camera' && live.videoProducerId)
      throw new ApiError('CONFLICT', 'this bed’s camera is already published', 'source');
    if (source === 'microphone') {
      // Privacy: the bedside microphone is live only while a station talks to the bed.
      if (!live.talk?.producerId)
        throw new ApiError('CONFLICT', 'nobody is talking to this bed: the microphone stays off', 'source');
      if (live.microphoneProducerId)
        throw new ApiError('CONFLICT', 'this bed’s microphone is already published', 'source');
    }
    const { producerId } = await this.sfu.request('producer:create', {
      transportId,
      kind,
      rtpParameters,
      source,
    });
    this.handlesOf(bed).producers.set(producerId, transportId);
    if (source === 'camera') live.videoProducerId = producerId;
    else if (live.talk?.producerId) live.microphoneProducerId = producerId;
    else {
      // The talk-down ended while the SFU created it.
      await this.closeProducer(bed, producerId);
      throw new ApiError('CONFLICT', 'the talk-down ended: the microphone stays off', 'source');
    }
    this.live.changed(bed.id);
    return { producerId };
  }

  async closeProducer(bed: BedRow, producerId: string): Promise<void> {
    const handles = this.handlesOf(bed);
    if (!handles.producers.delete(producerId))
      throw new ApiError('NOT_FOUND', 'producerId: not one of this device’s producers', 'producerId');
    await this.sfu.request('producer:close', { producerId }).catch(() => undefined);
    this.forgetProducer(this.liveOf(bed), producerId);
  }

  /** The device consumes only the talk-down producer addressed to its bed. */
  async consume(
    bed: BedRow,
    { transportId, producerId, rtpCapabilities }: BedsideRequestPayload<'consumer:create'>,
  ): Promise<BedsideResponseMap['consumer:create']> {
    const live = this.ownTransport(bed, transportId);
    if (!live.talk?.producerId || live.talk.producerId !== producerId)
      throw new ApiError('NOT_FOUND', 'producerId: nobody is talking to this bed with it', 'producerId');
    const consumer = await this.sfu.request('consumer:create', { transportId, producerId, rtpCapabilities });
    this.handlesOf(bed).consumerIds.add(consumer.consumerId);
    return { ...consumer, peerId: 'station', source: 'microphone' };
  }

  async resumeConsumer(bed: BedRow, consumerId: string): Promise<Record<string, never>> {
    this.ownConsumer(bed, consumerId);
    return this.sfu.request('consumer:resume', { consumerId });
  }

  async closeConsumer(bed: BedRow, consumerId: string): Promise<Record<string, never>> {
    this.ownConsumer(bed, consumerId);
    this.handlesOf(bed).consumerIds.delete(consumerId);
    // Gone already when the talk ended first: closing twice is fine.
    await this.sfu.request('consumer:close', { consumerId }).catch(() => undefined);
    return {};
  }

  /** The device closes one transport: what it produced there is gone at once (a rebuild may republish). */
  async closeTransport(bed: BedRow, transportId: string): Promise<void> {
    const live = this.ownTransport(bed, transportId);
    live.deviceTransportIds.delete(transportId);
    const handles = this.handlesOf(bed);
    let changed = false;
    for (const [producerId, onTransport] of handles.producers)
      if (onTransport === transportId) {
        handles.producers.delete(producerId);
        changed = this.forgetProducer(live, producerId, false) || changed;
      }
    await this.sfu.request('transport:close', { transportId }).catch(() => undefined);
    if (changed) this.live.changed(bed.id);
  }

  /** The device went away: its transports (and so its producers and consumers) close. */
  async closeAll(bed: BedRow): Promise<void> {
    const live = this.live.find(bed.id);
    const handles = this.handles.get(bed.id);
    this.handles.delete(bed.id);
    if (!live) return;
    const transports = [...live.deviceTransportIds];
    live.deviceTransportIds.clear();
    let changed = false;
    for (const producerId of handles?.producers.keys() ?? [])
      changed = this.forgetProducer(live, producerId, false) || changed;
    await Promise.all(
      transports.map((transportId) =>
        this.sfu.request('transport:close', { transportId }).catch(() => undefined),
      ),
    );
    if (changed) this.live.changed(bed.id);
  }

  private forgetProducer(live: LiveBed, producerId: string, announce = true): boolean {
    let changed = false;
    if (live.videoProducerId === producerId) {
      live.videoProducerId = null;
      changed = true;
    }
    if (live.microphoneProducerId === producerId) {
      live.microphoneProducerId = null;
      changed = true;
    }
    if (changed && announce) this.live.changed(live.bedId);
    return changed;
  }

  private checkTransportLimit(bed: BedRow): void {
    if (this.liveOf(bed).deviceTransportIds.size >= MAX_DEVICE_TRANSPORTS)
      throw new ApiError(
        'CONFLICT',
        `a bedside device holds at most ${MAX_DEVICE_TRANSPORTS} transports: close one first`,
      );
  }

  private ownTransport(bed: BedRow, transportId: string): LiveBed {
    const live = this.liveOf(bed);
    if (!live.deviceTransportIds.has(transportId))
      throw new ApiError('NOT_FOUND', 'transportId: not one of this device’s transports', 'transportId');
    return live;
  }

  private ownConsumer(bed: BedRow, consumerId: string): void {
    if (!this.handles.get(bed.id)?.consumerIds.has(consumerId))
      throw new ApiError('NOT_FOUND', 'consumerId: not one of this device’s consumers', 'consumerId');
  }

  private liveOf(bed: BedRow): LiveBed {
    return this.live.get(bed.id, bed.wardId);
  }

  private handlesOf(bed: BedRow): DeviceHandles {
    let handles = this.handles.get(bed.id);
    if (!handles) {
      handles = { producers: new Map(), consumerIds: new Set() };
      this.handles.set(bed.id, handles);
    }
    return handles;
  }
}
