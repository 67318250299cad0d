import { Logger, type OnModuleInit } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  type Ack,
  MAX_SOCKET_BUFFER_BYTES,
  type StationClientToServerEvents,
  type StationResponseMap,
  type StationServerToClientEvents,
  stationRequestSchemas,
} from '@teleconsult/protocol';
import type { SfuNotification } from '@teleconsult/sfu-rpc';
import type { Namespace, Socket } from 'socket.io';
import { AuditService } from '../audit/audit.service';
import { type SocketClinician, clinicianSocketMiddleware } from '../auth/clinician-socket-auth';
import { TokenService } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { type SocketHandlers, listenForRequests, socketDispatcher } from '../common/socket-dispatch';
import { SfuClient } from '../sfu/sfu-client.service';
import { AlarmEngine } from './alarm-engine.service';
import { BedsideGateway } from './bedside.gateway';
import { LiveBeds } from './live-beds.service';
import { type TalkEndReason, TalkDownService } from './talk-down.service';
import { VitalsIngest } from './vitals-ingest.service';
import { WardAccess } from './ward-access.service';
import { stationPeerId, wardChannel, wardIdOfRoom, wardRoomId } from './ward-room';
import { WardsService } from './wards.service';

export interface StationSocketData {
  clinician: SocketClinician;
  expiryTimer?: NodeJS.Timeout;
  wards: Set<string>;
  /** transportId → wardId */
  transports: Map<string, string>;
  focused: Set<string>;
}
export type StationSocket = Socket<
  StationClientToServerEvents,
  StationServerToClientEvents,
  Record<string, never>,
  StationSocketData
>;
type StationNamespace = Namespace<
  StationClientToServerEvents,
  StationServerToClientEvents,
  Record<string, never>,
  StationSocketData
>;

type Handlers = SocketHandlers<typeof stationRequestSchemas, StationSocket, StationResponseMap>;

/**
 * The central station: a clinician subscribes to a ward, receives a snapshot of every bed, then
 * numerics, alarms and bed changes as they happen; media comes through one receive transport per
 * ward (SCTP on for waveforms). Acknowledging and silencing alarms are audited. A clinician sees
 * only the wards they are on the staff of, and is unsubscribed the moment they are taken off one.
 */
@WebSocketGateway({ namespace: '/station', maxHttpBufferSize: MAX_SOCKET_BUFFER_BYTES, serveClient: false })
export class StationGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit {
  private readonly logger = new Logger('StationGateway');
  @WebSocketServer() private readonly namespace!: StationNamespace;
  private readonly dispatch: (
    socket: StationSocket,
    event: string,
    payload: unknown,
  ) => Promise<Ack<unknown>>;

  constructor(
    private readonly tokens: TokenService,
    private readonly wards: WardsService,
    private readonly live: LiveBeds,
    private readonly alarms: AlarmEngine,
    private readonly vitals: VitalsIngest,
    private readonly sfu: SfuClient,
    private readonly audit: AuditService,
    private readonly bedside: BedsideGateway,
    private readonly talk: TalkDownService,
    private readonly access: WardAccess,
  ) {
    const handlers: Handlers = {
      'wards:list': async (_payload, socket) => ({
        wards: await this.access.visibleWards({ userId: socket.data.clinician.userId, role: 'clinician' }),
      }),
      'ward:subscribe': async ({ wardId }, socket) => {
        const ward = await this.access.assertWard(socket.data.clinician.userId, wardId);
        const { rtpCapabilities } = await this.sfu.request('router:ensure', { roomId: wardRoomId(wardId) });
        socket.data.wards.add(wardId);
        await socket.join(wardChannel(wardId));
        // Taken off the staff while this was being set up: the revocation missed this socket.
        await this.access.assertStaff(socket.data.clinician.userId, wardId).catch(async (error: unknown) => {
          await this.leaveWard(socket, wardId, 'access revoked');
          throw error;
        });
        await this.record(socket, 'icu.ward.viewed', { wardId });
        return { ward, beds: await this.wards.bedViews(wardId), rtpCapabilities };
      },
      'ward:unsubscribe': async ({ wardId }, socket) => {
        await this.leaveWard(socket, wardId, 'station left');
        return {};
      },
      'transport:create': async ({ wardId }, socket) => {
        this.subscribed(socket, wardId);
        const transport = await this.sfu.request('transport:create', {
          roomId: wardRoomId(wardId),
          peerId: stationPeerId(socket.id),
          direction: 'recv',
          enableSctp: true,
        });
        if (!transport.sctpParameters)
          throw new ApiError('SFU_UNAVAILABLE', 'the media server did not open SCTP');
        socket.data.transports.set(transport.transportId, wardId);
        return { ...transport, sctpParameters: transport.sctpParameters };
      },
      'transport:connect': async ({ transportId, dtlsParameters }, socket) => {
        if (!this.talk.ownsTransport(socket.id, transportId)) this.transportWard(socket, transportId);
        return this.sfu.request('transport:connect', { transportId, dtlsParameters });
      },
      'consumer:create': async ({ transportId, bedId, rtpCapabilities, source = 'camera' }, socket) => {
        const bed = this.bedInTransportWard(socket, transportId, bedId);
        if (source === 'microphone') {
          // Only the station talking to the bed hears it, and only while it talks.
          if (!this.talk.isTalker(bed, socket.id))
            throw new ApiError('FORBIDDEN', 'only the station talking to this bed hears it', 'bedId');
          if (!bed.microphoneProducerId)
            throw new ApiError('NOT_FOUND', 'this bed’s microphone is not on', 'bedId');
          const consumer = await this.sfu.request('consumer:create', {
            transportId,
            producerId: bed.microphoneProducerId,
            rtpCapabilities,
          });
          return { ...consumer, peerId: bedId, source };
        }
        if (!bed.videoProducerId) throw new ApiError('NOT_FOUND', 'this bed has no camera on now', 'bedId');
        const consumer = await this.sfu.request('consumer:create', {
          transportId,
          producerId: bed.videoProducerId,
          rtpCapabilities,
        });
        return { ...consumer, peerId: bedId, source };
      },
      'consumer:resume': ({ consumerId }) => this.sfu.request('consumer:resume', { consumerId }),
      'consumer:setPreferredLayers': ({ consumerId, spatialLayer }) =>
        this.sfu.request('consumer:setPreferredLayers', { consumerId, spatialLayer }),
      'consumer:close': ({ consumerId }) => this.sfu.request('consumer:close', { consumerId }),
      'waveform:consume': async ({ transportId, bedId }, socket) => {
        const bed = this.bedInTransportWard(socket, transportId, bedId);
        if (!bed.waveformProducerId)
          throw new ApiError('NOT_FOUND', 'this bed sends no waveforms now', 'bedId');
        // Unordered, never retransmitted: a late waveform sample is worthless.
        const consumer = await this.sfu.request('dataConsumer:create', {
          transportId,
          dataProducerId: bed.waveformProducerId,
          ordered: false,
          maxRetransmits: 0,
        });
        return consumer;
      },
      'waveform:close': ({ dataConsumerId }) => this.sfu.request('dataConsumer:close', { dataConsumerId }),
      'bed:focus': async ({ bedId, on }, socket) => {
        const bed = this.live.find(bedId);
        if (!bed || !socket.data.wards.has(bed.wardId))
          throw new ApiError('FORBIDDEN', 'subscribe to the bed’s ward first', 'bedId');
        this.setFocus(socket, bedId, on);
        return {};
      },
      'alarm:acknowledge': async ({ bedId, key }, socket) => {
        await this.bedOfSubscribedWard(socket, bedId);
        const alarm = this.alarms.acknowledge(bedId, key, socket.data.clinician.name);
        await this.record(socket, 'icu.alarm.acknowledged', { bedId, key, priority: alarm.priority });
        return { alarm };
      },
      'alarm:silence': async ({ bedId, key }, socket) => {
        await this.bedOfSubscribedWard(socket, bedId);
        const alarm = this.alarms.silence(bedId, key);
        await this.record(socket, 'icu.alarm.silenced', { bedId, key, priority: alarm.priority });
        return { alarm };
      },
      'talk:start': async ({ bedId }, socket) => {
        const bed = await this.bedOfSubscribedWard(socket, bedId);
        return this.talk.start(
          this.live.get(bed.id, bed.wardId),
          bed.label,
          socket.id,
          socket.data.clinician,
        );
      },
      'talk:produce': ({ transportId, rtpParameters }, socket) =>
        this.talk.produce(socket.id, transportId, rtpParameters),
      'talk:stop': async ({ bedId }, socket) => {
        await this.talk.stop(await this.liveBedOfSubscribedWard(socket, bedId), socket.id);
        return {};
      },
    };
    this.dispatch = socketDispatcher(stationRequestSchemas, handlers, this.logger);
  }

  onModuleInit(): void {
    this.vitals.events.on('vitals', (bedId, sample, artefacts, news2) => {
      const wardId = this.live.find(bedId)?.wardId;
      if (wardId)
        this.namespace
          .to(wardChannel(wardId))
          .emit('notification', { type: 'bed:vitals', bedId, sample, artefacts, news2 });
    });
    this.alarms.events.on('alarms', (bedId, alarms, event) => {
      const wardId = this.live.find(bedId)?.wardId;
      if (!wardId) return;
      this.namespace.to(wardChannel(wardId)).emit('notification', {
        type: 'bed:alarms',
        bedId,
        alarms,
        event: event ? { type: event.type, key: event.alarm.key, priority: event.alarm.priority } : null,
      });
    });
    this.live.events.on('changed', (bedId) => void this.announce(bedId));
    this.sfu.notifications.on('notification', (notification) => this.onSfu(notification));
    this.access.onRevoked((wardId, userId) => this.revoke(wardId, userId));
    // The talker hears why its talk-down ended when it did not ask for it (a revoked station
    // hears ward:accessRevoked instead).
    this.talk.events.on('ended', (bedId, session, reason) => {
      if (reason === 'stopped' || reason === 'station left' || reason === 'access revoked') return;
      this.namespace.sockets
        .get(session.stationSocketId)
        ?.emit('notification', { type: 'talk:ended', bedId, reason });
    });
  }

  afterInit(namespace: StationNamespace): void {
    namespace.use(clinicianSocketMiddleware(this.tokens, this.logger, 'the ICU station'));
  }

  handleConnection(socket: StationSocket): void {
    if (!socket.data.clinician) return;
    socket.data.wards = new Set();
    socket.data.transports = new Map();
    socket.data.focused = new Set();
    listenForRequests(socket, this.dispatch);
  }

  async handleDisconnect(socket: StationSocket): Promise<void> {
    clearTimeout(socket.data.expiryTimer);
    if (!socket.data.wards) return;
    for (const bedId of socket.data.focused) this.setFocus(socket, bedId, false);
    await this.talk.endForStation(socket.id);
    await Promise.all(
      [...socket.data.wards].map((wardId) =>
        this.sfu
          .request('peer:close', { roomId: wardRoomId(wardId), peerId: stationPeerId(socket.id) })
          .catch(() => undefined),
      ),
    );
  }

  /**
   * Ends this socket's watch of a ward: its talk-downs there, its focus on the ward's beds, its SFU
   * peer (transports and consumers) and the ward's notifications.
   */
  private async leaveWard(socket: StationSocket, wardId: string, reason: TalkEndReason): Promise<void> {
    socket.data.wards.delete(wardId);
    await socket.leave(wardChannel(wardId));
    for (const bedId of [...socket.data.focused])
      if (this.live.find(bedId)?.wardId === wardId) this.setFocus(socket, bedId, false);
    await this.talk.endForStation(socket.id, wardId, reason);
    await this.sfu
      .request('peer:close', { roomId: wardRoomId(wardId), peerId: stationPeerId(socket.id) })
      .catch(() => undefined);
    for (const [transportId, ward] of socket.data.transports)
      if (ward === wardId) socket.data.transports.delete(transportId);
  }

  /** The clinician was taken off the ward's staff: every station of theirs watching it stops now. */
  private async revoke(wardId: string, userId: string): Promise<void> {
    const watching = [...this.namespace.sockets.values()].filter(
      (socket) => socket.data.clinician?.userId === userId && socket.data.wards?.has(wardId),
    );
    await Promise.all(
      watching.map(async (socket) => {
        await this.leaveWard(socket, wardId, 'access revoked');
        socket.emit('notification', {
          type: 'ward:accessRevoked',
          wardId,
          message: 'An administrator removed you from this ward’s staff: its beds are no longer shown here.',
        });
      }),
    );
  }

  private setFocus(socket: StationSocket, bedId: string, on: boolean): void {
    const bed = this.live.find(bedId);
    if (!bed) return;
    const before = bed.focusedBy.size;
    if (on) {
      bed.focusedBy.add(socket.id);
      socket.data.focused.add(bedId);
    } else {
      bed.focusedBy.delete(socket.id);
      socket.data.focused.delete(bedId);
    }
    if ((before === 0) !== (bed.focusedBy.size === 0)) this.bedside.focus(bedId, bed.focusedBy.size > 0);
  }

  private subscribed(socket: StationSocket, wardId: string): void {
    if (!socket.data.wards.has(wardId))
      throw new ApiError('FORBIDDEN', 'subscribe to the ward first', 'wardId');
  }

  private transportWard(socket: StationSocket, transportId: string): string {
    const wardId = socket.data.transports.get(transportId);
    if (!wardId)
      throw new ApiError('NOT_FOUND', 'transportId: not one of this station’s transports', 'transportId');
    return wardId;
  }

  private bedInTransportWard(socket: StationSocket, transportId: string, bedId: string) {
    const wardId = this.transportWard(socket, transportId);
    const bed = this.live.find(bedId);
    if (!bed || bed.wardId !== wardId) throw new ApiError('NOT_FOUND', 'no such bed in this ward', 'bedId');
    return bed;
  }

  /** A bed of a ward this station watches, as the live side knows it. */
  private async liveBedOfSubscribedWard(socket: StationSocket, bedId: string) {
    const bed = await this.bedOfSubscribedWard(socket, bedId);
    return this.live.get(bed.id, bed.wardId);
  }

  private async bedOfSubscribedWard(socket: StationSocket, bedId: string) {
    const bed = await this.wards.bed(bedId);
    this.subscribed(socket, bed.wardId);
    return bed;
  }

  private async announce(bedId: string): Promise<void> {
    const wardId = this.live.find(bedId)?.wardId;
    if (!wardId) return;
    try {
      const bed = await this.wards.bedView(bedId);
      this.namespace.to(wardChannel(wardId)).emit('notification', { type: 'bed:changed', bed });
    } catch (error) {
      this.logger.warn(`could not announce bed ${bedId}: ${String(error)}`);
    }
  }

  private onSfu(notification: SfuNotification): void {
    const wardId = 'roomId' in notification ? wardIdOfRoom(notification.roomId) : null;
    if (!wardId) return;
    switch (notification.type) {
      case 'room:mediaReset':
        void this.talk.endInWard(wardId, 'media reset');
        this.live.resetMedia(wardId);
        this.namespace
          .to(wardChannel(wardId))
          .emit('notification', { type: 'media:reset', wardId, reason: notification.reason });
        return;
      case 'producer:closed': {
        const { producerId } = notification;
        void this.talk.producerClosed(producerId);
        const bed = this.live
          .inWard(wardId)
          .find((b) => b.videoProducerId === producerId || b.microphoneProducerId === producerId);
        if (bed) {
          if (bed.videoProducerId === producerId) bed.videoProducerId = null;
          if (bed.microphoneProducerId === producerId) bed.microphoneProducerId = null;
          this.live.changed(bed.bedId);
        }
        return;
      }
      case 'consumer:layersChanged': {
        const socketId = notification.peerId.startsWith('station:')
          ? notification.peerId.slice('station:'.length)
          : null;
        const socket = socketId ? this.namespace.sockets.get(socketId) : undefined;
        socket?.emit('notification', {
          type: 'consumer:layersChanged',
          consumerId: notification.consumerId,
          spatialLayer: notification.spatialLayer,
          temporalLayer: notification.temporalLayer,
        });
        return;
      }
      default:
        return;
    }
  }

  private record(socket: StationSocket, action: string, detail: Record<string, unknown>): Promise<void> {
    return this.audit.record({
      actorType: 'user',
      actorId: socket.data.clinician.userId,
      action,
      ip: socket.data.clinician.ip,
      detail,
    });
  }
}
