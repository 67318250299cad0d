import { Injectable } from '@nestjs/common';
import type { RtpParameters } from '@teleconsult/protocol';
import { ApiError } from '../common/api-error';
import { SfuClient } from '../sfu/sfu-client.service';
import type { BedRow } from './entities/bed.entity';
import { LiveBeds } from './live-beds.service';
import { bedPeerId, wardRoomId } from './ward-room';

/**
 * A bed's camera: the api opens a plain RTP transport in the ward's SFU room for the bed's device
 * (which never holds the SFU secret) and creates the producer for it. One camera per bed.
 */
@Injectable()
export class BedVideoService {
  constructor(
    private readonly sfu: SfuClient,
    private readonly live: LiveBeds,
  ) {}

  async open(bed: BedRow) {
    await this.closeAll(bed);
    const roomId = wardRoomId(bed.wardId);
    const peerId = bedPeerId(bed.id);
    await this.sfu.request('router:ensure', { roomId });
    const transport = await this.sfu.request('transport:createPlain', { roomId, peerId });
    this.live.get(bed.id, bed.wardId).videoTransportId = transport.transportId;
    return { ...transport, roomId, peerId };
  }

  async produce(bed: BedRow, transportId: string, rtpParameters: RtpParameters) {
    const live = this.live.get(bed.id, bed.wardId);
    if (live.videoTransportId !== transportId)
      throw new ApiError('NOT_FOUND', 'transportId: not this bed’s open video transport', 'transportId');
    if (live.videoProducerId) throw new ApiError('CONFLICT', 'this bed’s camera is already published');
    const { producerId } = await this.sfu.request('producer:create', {
      transportId,
      kind: 'video',
      rtpParameters,
      source: 'camera',
    });
    // A slow answer on a loaded machine: the device may have given up and opened a new transport
    // meanwhile. A producer on the old one must not become the bed's camera.
    if (live.videoTransportId !== transportId) {
      await this.sfu.request('producer:close', { producerId }).catch(() => undefined);
      throw new ApiError('CONFLICT', 'the video transport was replaced while publishing; publish again');
    }
    live.videoProducerId = producerId;
    this.live.changed(bed.id);
    return { producerId };
  }

  async close(bed: BedRow, transportId: string): Promise<void> {
    const live = this.live.get(bed.id, bed.wardId);
    if (live.videoTransportId !== transportId)
      throw new ApiError('NOT_FOUND', 'transportId: not this bed’s open video transport', 'transportId');
    await this.closeAll(bed);
  }

  async closeAll(bed: BedRow): Promise<void> {
    const live = this.live.find(bed.id);
    const transportId = live?.videoTransportId;
    if (!live || !transportId) return;
    live.videoTransportId = null;
    const hadProducer = live.videoProducerId !== null;
    live.videoProducerId = null;
    await this.sfu.request('transport:close', { transportId }).catch(() => undefined);
    if (hadProducer) this.live.changed(bed.id);
  }
}
