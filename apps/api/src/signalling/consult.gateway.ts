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
  type ChatMessage,
  MAX_SOCKET_BUFFER_BYTES,
  type RequestName,
  fail,
  isRequestName,
  ok,
  requestSchemas,
  validationError,
} from '@teleconsult/protocol';
import { AuditService } from '../audit/audit.service';
import { ChatService } from '../chat/chat.service';
import { oversizeError, toProtocolError } from '../common/socket-messages';
import { ConsultsService } from '../consults/consults.service';
import { ImageStore } from '../imaging/image-store.service';
import { InvitationsService } from '../invitations/invitations.service';
import { ParticipantsService } from '../lobby/participants.service';
import { WaitingRoom } from '../lobby/waiting-room.service';
import { SfuClient } from '../sfu/sfu-client.service';
import { chatHandlers } from './handlers/chat.handlers';
import { lobbyHandlers } from './handlers/lobby.handlers';
import { mediaHandlers } from './handlers/media.handlers';
import { leaveRoom, leaveWaitingRoom, roomHandlers } from './handlers/room.handlers';
import { viewerHandlers } from './handlers/viewer.handlers';
import { RoomRegistry } from './room-registry.service';
import { SfuNotificationRouter } from './sfu-notification.router';
import type {
  ConsultNamespace,
  ConsultSocket,
  HandlerContext,
  SignalHandler,
  SignalHandlerTable,
  SignallingServices,
} from './signalling-context';
import { participantChannel, staffChannel } from './signalling-context';
import { SocketAuthService } from './socket-auth.service';

const handlers: SignalHandlerTable<RequestName> = {
  ...roomHandlers,
  ...mediaHandlers,
  ...lobbyHandlers,
  ...chatHandlers,
  ...viewerHandlers,
};

/**
 * The consult signalling endpoint. Every message passes one gate, in order: known event, size,
 * schema, access (clinician / participant / admitted peer), then its handler; each failure is a
 * typed error and nothing else changes. A waiting patient is in no socket.io room of the consult,
 * so room-wide notifications (peers, producers, room chat) never reach them.
 */
@WebSocketGateway({ namespace: '/consult', maxHttpBufferSize: MAX_SOCKET_BUFFER_BYTES, serveClient: false })
export class ConsultGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit {
  private readonly logger = new Logger('ConsultGateway');
  @WebSocketServer() private readonly namespace!: ConsultNamespace;
  private readonly services: SignallingServices;

  constructor(
    rooms: RoomRegistry,
    sfu: SfuClient,
    private readonly consults: ConsultsService,
    audit: AuditService,
    private readonly socketAuth: SocketAuthService,
    private readonly notificationRouter: SfuNotificationRouter,
    participants: ParticipantsService,
    private readonly waitingRoom: WaitingRoom,
    private readonly chat: ChatService,
    private readonly invitations: InvitationsService,
    images: ImageStore,
  ) {
    this.services = {
      rooms,
      sfu,
      consults,
      audit,
      participants,
      waitingRoom,
      chat,
      images,
      namespace: () => this.namespace,
    };
  }

  onModuleInit(): void {
    this.consults.events.on('ended', (consultId) => void this.closeRoom(consultId));
    this.consults.events.on('linksRevoked', (consultId) => this.dropRevokedPatients(consultId));
    this.invitations.events.on('revoked', (consultId, inviteeId) => {
      if (inviteeId) this.dropRevokedInvitee(consultId, inviteeId);
    });
    this.waitingRoom.events.on('changed', (_clinicianId, consultId) =>
      this.namespace.to(staffChannel(consultId)).emit('notification', {
        type: 'lobby:changed',
        waiting: this.waitingRoom.forConsult(consultId),
      }),
    );
    this.waitingRoom.events.on('admitted', (participantId) =>
      this.namespace.to(participantChannel(participantId)).emit('notification', { type: 'lobby:admitted' }),
    );
    this.waitingRoom.events.on('denied', (participantId, _consultId, message) => {
      const channel = this.namespace.to(participantChannel(participantId));
      channel.emit('notification', { type: 'error', error: { code: 'ADMISSION_DENIED', message } });
      channel.disconnectSockets(true);
    });
    this.chat.events.on('message', (message) => this.deliverChat(message));
  }

  /** Room messages reach the admitted peers; a private thread its patient and the consult's clinicians. */
  private deliverChat(message: ChatMessage): void {
    const notification = { type: 'chat:message' as const, message };
    if (message.privateTo === null) {
      this.namespace.to(message.consultId).emit('notification', notification);
      return;
    }
    this.namespace
      .to(participantChannel(message.privateTo))
      .to(staffChannel(message.consultId))
      .emit('notification', notification);
  }

  afterInit(namespace: ConsultNamespace): void {
    this.notificationRouter.attach(() => namespace);
    namespace.use((socket, next) => {
      this.socketAuth
        .identify(socket.handshake.auth, socket.handshake.address)
        .then((identity) => {
          socket.data.identity = identity;
          next();
        })
        .catch((error: unknown) => {
          const protocolError = toProtocolError(error, this.logger);
          next(Object.assign(new Error(protocolError.code), { data: protocolError }));
        });
    });
  }

  handleConnection(socket: ConsultSocket): void {
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack =
        typeof args.at(-1) === 'function' ? (args.pop() as (response: Ack<unknown>) => void) : undefined;
      void this.dispatch(socket, event, args[0]).then((response) => {
        if (ack) ack(response);
        // An unknown event is always announced too: a client that sent it likely speaks another
        // protocol version and may not be waiting on the ack. Other failures without an ack go there too.
        if (!response.ok && (!ack || response.error.code === 'UNKNOWN_EVENT'))
          socket.emit('notification', { type: 'error', error: response.error });
      });
    });
  }

  async handleDisconnect(socket: ConsultSocket): Promise<void> {
    if (!socket.data.identity) return;
    const context = this.context(socket);
    await Promise.all([leaveWaitingRoom(context, 'disconnected'), leaveRoom(context, 'disconnected')]).catch(
      (error: unknown) => this.logger.warn(`cleanup after disconnect failed: ${String(error)}`),
    );
  }

  private context(socket: ConsultSocket): HandlerContext {
    return { ...this.services, socket, identity: socket.data.identity };
  }

  private async dispatch(socket: ConsultSocket, event: string, payload: unknown): Promise<Ack<unknown>> {
    if (!isRequestName(event)) return fail('UNKNOWN_EVENT', `unknown event "${event.slice(0, 64)}"`);
    const oversize = oversizeError(event, payload);
    if (oversize) return { ok: false, error: oversize };
    const parsed = requestSchemas[event].safeParse(payload);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const handler = handlers[event] as SignalHandler<RequestName>;
    const context = this.context(socket);
    try {
      switch (handler.access) {
        case 'clinician':
          if (context.identity.kind !== 'clinician')
            return fail('FORBIDDEN', `${event} is for the consult's clinician`);
          break;
        case 'owner':
          if (context.identity.kind !== 'clinician' || context.identity.access !== 'owner')
            return fail('FORBIDDEN', `${event} is for the clinician who owns the consult`);
          break;
        case 'participant':
          if (!socket.data.participantId) return fail('NOT_JOINED', `join the consult before ${event}`);
          break;
        case 'peer': {
          const peer = socket.data.peerId
            ? this.services.rooms.find(context.identity.consultId)?.peers.get(socket.data.peerId)
            : undefined;
          if (!peer) {
            return socket.data.waiting
              ? fail('NOT_ADMITTED', `${event} is possible once the clinician lets you in`)
              : fail('NOT_JOINED', `join the consult before ${event}`);
          }
          return ok(
            await handler.handle(parsed.data as never, {
              ...context,
              peer,
              room: this.services.rooms.room(context.identity.consultId),
            }),
          );
        }
        case 'open':
          break;
      }
      return ok(await handler.handle(parsed.data as never, context));
    } catch (error) {
      return { ok: false, error: toProtocolError(error, this.logger) };
    }
  }

  /**
   * A new patient link replaced the old ones: patients connected with an old link are told and
   * disconnected at once — a revoked link must not keep a call open (e.g. a forwarded link).
   */
  private dropRevokedPatients(consultId: string): void {
    this.namespace.sockets.forEach((socket) => {
      const identity = socket.data.identity;
      if (identity?.kind !== 'patient' || identity.consultId !== consultId) return;
      socket.emit('notification', {
        type: 'error',
        error: {
          code: 'LINK_REVOKED',
          message: 'this link was replaced by a newer one — ask your clinician for the current link',
        },
      });
      socket.disconnect(true);
    });
  }

  /** An invitation was withdrawn: its clinician leaves the room at once (disconnect runs the cleanup). */
  private dropRevokedInvitee(consultId: string, inviteeId: string): void {
    this.namespace.sockets.forEach((socket) => {
      const identity = socket.data.identity;
      if (identity?.kind !== 'clinician' || identity.consultId !== consultId || identity.userId !== inviteeId)
        return;
      socket.emit('notification', {
        type: 'room:closed',
        reason: "the consult's clinician withdrew your invitation",
      });
      socket.disconnect(true);
    });
  }

  /** The consult ended: everyone is told, disconnected, and its router is closed. */
  private async closeRoom(consultId: string): Promise<void> {
    // Every socket of the consult, joined or not (a patient may be mid-rejoin), hears why it closes.
    this.namespace.sockets.forEach((socket) => {
      if (socket.data.identity?.consultId !== consultId) return;
      socket.emit('notification', { type: 'room:closed', reason: 'the clinician ended the consult' });
      socket.disconnect(true);
    });
    this.services.rooms.drop(consultId);
    this.waitingRoom.dropConsult(consultId);
    await this.services.sfu.request('router:close', { roomId: consultId }).catch(() => undefined);
  }
}
