import { Logger } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  type Ack,
  type BedsideClientToServerEvents,
  type BedsideResponseMap,
  type BedsideServerToClientEvents,
  MAX_SOCKET_BUFFER_BYTES,
  bedsideAuthSchema,
  bedsideRequestSchemas,
} from '@teleconsult/protocol';
import type { Namespace, Socket } from 'socket.io';
import { ApiError } from '../common/api-error';
import { type SocketHandlers, listenForRequests, socketDispatcher } from '../common/socket-dispatch';
import { parseHandshakeAuth, toProtocolError } from '../common/socket-messages';
import type { BedRow } from './entities/bed.entity';
import { BedVideoService } from './bed-video.service';
import { BedsideMediaService } from './bedside-media.service';
import { LiveBeds } from './live-beds.service';
import { TalkDownService } from './talk-down.service';
import { VitalsIngest } from './vitals-ingest.service';
import { bedChannel } from './ward-room';
import { WardsService } from './wards.service';
import { WaveformRelay } from './waveform-relay.service';

export interface BedsideSocketData {
  bed: BedRow;
  admissionId: string | null;
  ip: string;
}
export type BedsideSocket = Socket<
  BedsideClientToServerEvents,
  BedsideServerToClientEvents,
  Record<string, never>,
  BedsideSocketData
>;
type BedsideNamespace = Namespace<
  BedsideClientToServerEvents,
  BedsideServerToClientEvents,
  Record<string, never>,
  BedsideSocketData
>;

type Handlers = SocketHandlers<typeof bedsideRequestSchemas, BedsideSocket, BedsideResponseMap>;

/**
 * Bedside units (a tablet page or the headless simulator): a device token binds the socket to one
 * bed. Numerics are validated (hard limits reject, implausible values are flagged), checked against
 * the device's bed and fed to the alarm engine; waveform blocks go on into the SFU; the camera is
 * published on a plain RTP transport opened in the ward's room. One device per bed: a new
 * connection with the bed's token replaces the old one.
 */
@WebSocketGateway({ namespace: '/bedside', maxHttpBufferSize: MAX_SOCKET_BUFFER_BYTES, serveClient: false })
export class BedsideGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('BedsideGateway');
  @WebSocketServer() private readonly namespace!: BedsideNamespace;
  private readonly dispatch: (
    socket: BedsideSocket,
    event: string,
    payload: unknown,
  ) => Promise<Ack<unknown>>;

  constructor(
    private readonly wards: WardsService,
    private readonly live: LiveBeds,
    private readonly vitals: VitalsIngest,
    private readonly waveforms: WaveformRelay,
    private readonly video: BedVideoService,
    private readonly media: BedsideMediaService,
    private readonly talk: TalkDownService,
  ) {
    const bedOf = (socket: BedsideSocket) => socket.data.bed;
    const handlers: Handlers = {
      'vitals:report': async (sample, socket) => ({
        artefacts: this.vitals.accept(bedOf(socket), socket.data.admissionId, sample),
      }),
      'waveform:block': async (block, socket) => {
        this.waveforms.relay(bedOf(socket).id, bedOf(socket).wardId, block);
        return {};
      },
      'video:open': async (_payload, socket) => this.video.open(bedOf(socket)),
      'video:produce': async ({ transportId, rtpParameters }, socket) =>
        this.video.produce(bedOf(socket), transportId, rtpParameters),
      'video:close': async ({ transportId }, socket) => {
        await this.video.close(bedOf(socket), transportId);
        return {};
      },
      'handover:update': async (handover, socket) => {
        const bed = bedOf(socket);
        if (bed.kind !== 'ambulance')
          throw new ApiError('FORBIDDEN', 'only ambulance units send a pre-arrival handover');
        await this.wards.saveHandover(bed.id, handover);
        bed.handover = handover;
        this.live.changed(bed.id);
        return {};
      },
      'media:capabilities': async (_payload, socket) => this.media.capabilities(bedOf(socket)),
      'transport:create': async ({ direction }, socket) =>
        this.media.createTransport(bedOf(socket), direction),
      'transport:connect': async ({ transportId, dtlsParameters }, socket) =>
        this.media.connect(bedOf(socket), transportId, dtlsParameters),
      'transport:close': async ({ transportId }, socket) => {
        await this.media.closeTransport(bedOf(socket), transportId);
        return {};
      },
      'transport:createPlain': async (_payload, socket) => this.media.createPlain(bedOf(socket)),
      'producer:create': async (payload, socket) => this.media.produce(bedOf(socket), payload),
      'producer:close': async ({ producerId }, socket) => {
        await this.media.closeProducer(bedOf(socket), producerId);
        return {};
      },
      'consumer:create': async (payload, socket) => this.media.consume(bedOf(socket), payload),
      'consumer:resume': async ({ consumerId }, socket) =>
        this.media.resumeConsumer(bedOf(socket), consumerId),
      'consumer:close': async ({ consumerId }, socket) => this.media.closeConsumer(bedOf(socket), consumerId),
    };
    this.dispatch = socketDispatcher(bedsideRequestSchemas, handlers, this.logger);
  }

  afterInit(namespace: BedsideNamespace): void {
    namespace.use((socket, next) => {
      void this.identify(socket.handshake.auth)
        .then(async (bed) => {
          socket.data.bed = bed;
          socket.data.admissionId = (await this.wards.openAdmission(bed.id))?.id ?? null;
          socket.data.ip = socket.handshake.address;
          next();
        })
        .catch((error: unknown) => {
          const protocolError = toProtocolError(error, this.logger);
          next(Object.assign(new Error(protocolError.code), { data: protocolError }));
        });
    });
    this.live.events.on('changed', (bedId) => void this.refreshAdmission(bedId));
    this.talk.events.on('incoming', (bedId, producerId, clinician) =>
      this.namespace
        .to(bedChannel(bedId))
        .emit('notification', { type: 'talk:incoming', producerId, clinician }),
    );
    this.talk.events.on('ended', (bedId, session) => {
      if (session.producerId)
        this.namespace
          .to(bedChannel(bedId))
          .emit('notification', { type: 'talk:ended', producerId: session.producerId });
    });
  }

  async handleConnection(socket: BedsideSocket): Promise<void> {
    const bed = socket.data.bed;
    if (!bed) return;
    const live = this.live.get(bed.id, bed.wardId);
    // One device per bed: the newest connection wins.
    if (live.deviceSocketId && live.deviceSocketId !== socket.id) {
      this.namespace.sockets.get(live.deviceSocketId)?.disconnect(true);
      // The old device's WebRTC camera would block the new one's.
      await this.media.closeAll(bed);
    }
    live.deviceSocketId = socket.id;
    await socket.join(bedChannel(bed.id));
    listenForRequests(socket, this.dispatch);
    socket.emit('notification', {
      type: 'welcome',
      bed: { bedId: bed.id, wardId: bed.wardId, label: bed.label, kind: bed.kind },
    });
    if (live.focusedBy.size > 0) socket.emit('notification', { type: 'video:focus', on: true });
    // A replaced device's talk-down carries on with the new one.
    if (live.talk?.producerId)
      socket.emit('notification', {
        type: 'talk:incoming',
        producerId: live.talk.producerId,
        clinician: live.talk.clinician,
      });
    this.logger.log(`bedside device of ${bed.label} connected from ${socket.data.ip}`);
    this.live.changed(bed.id);
  }

  async handleDisconnect(socket: BedsideSocket): Promise<void> {
    const bed = socket.data.bed;
    if (!bed) return;
    const live = this.live.find(bed.id);
    if (!live || live.deviceSocketId !== socket.id) return; // replaced by a newer connection
    live.deviceSocketId = null;
    await this.talk.end(live, 'bedside offline');
    await Promise.all([this.video.closeAll(bed), this.media.closeAll(bed), this.waveforms.close(bed.id)]);
    this.logger.warn(`bedside device of ${bed.label} disconnected`);
    this.live.changed(bed.id);
  }

  /** Tells the bed's device to encode (or stop encoding) its high video layer. */
  focus(bedId: string, on: boolean): void {
    this.namespace.to(bedChannel(bedId)).emit('notification', { type: 'video:focus', on });
  }

  private async identify(auth: unknown): Promise<BedRow> {
    const handshake = parseHandshakeAuth(bedsideAuthSchema, auth);
    const bed = await this.wards.bedForDevice(handshake.deviceToken);
    if (!bed)
      throw new ApiError('UNAUTHENTICATED', 'unknown or replaced device token; enrol the device again');
    return bed;
  }

  /** Admissions change while a device is connected: its samples go to the right admission's trends. */
  private async refreshAdmission(bedId: string): Promise<void> {
    const live = this.live.find(bedId);
    const socket = live?.deviceSocketId ? this.namespace.sockets.get(live.deviceSocketId) : undefined;
    if (!socket) return;
    socket.data.admissionId = (await this.wards.openAdmission(bedId))?.id ?? null;
  }
}
