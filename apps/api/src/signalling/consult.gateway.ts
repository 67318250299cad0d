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
  MAX_SIGNAL_MESSAGE_BYTES,
  MAX_SOCKET_BUFFER_BYTES,
  type ProtocolError,
  type RequestName,
  fail,
  isRequestName,
  ok,
  requestSchemas,
  validationError,
} from '@teleconsult/protocol';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { ConsultsService } from '../consults/consults.service';
import { SfuClient } from '../sfu/sfu-client.service';
import { mediaHandlers } from './handlers/media.handlers';
import { leaveRoom, roomHandlers } from './handlers/room.handlers';
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
import { SocketAuthService } from './socket-auth.service';

const handlers: SignalHandlerTable<RequestName> = { ...roomHandlers, ...mediaHandlers };

/**
 * The consult signalling endpoint. Every message passes one gate, in order: known event, size,
 * schema, joined, then its handler; each failure is a typed error and nothing else changes.
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
  ) {
    this.services = { rooms, sfu, consults, audit, namespace: () => this.namespace };
  }

  onModuleInit(): void {
    this.consults.events.on('ended', (consultId) => void this.closeRoom(consultId));
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
          const protocolError = this.toProtocolError(error);
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
    await leaveRoom(this.context(socket), 'disconnected').catch((error: unknown) =>
      this.logger.warn(`cleanup after disconnect failed: ${String(error)}`),
    );
  }

  private context(socket: ConsultSocket): HandlerContext {
    return { ...this.services, socket, identity: socket.data.identity };
  }

  private async dispatch(socket: ConsultSocket, event: string, payload: unknown): Promise<Ack<unknown>> {
    if (!isRequestName(event)) return fail('UNKNOWN_EVENT', `unknown event "${event.slice(0, 64)}"`);
    const size = Buffer.byteLength(JSON.stringify(payload ?? null) ?? '', 'utf8');
    if (size > MAX_SIGNAL_MESSAGE_BYTES) {
      return fail(
        'PAYLOAD_TOO_LARGE',
        `${event} payload is ${size} bytes; the limit is ${MAX_SIGNAL_MESSAGE_BYTES}`,
      );
    }
    const parsed = requestSchemas[event].safeParse(payload);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const handler = handlers[event] as SignalHandler<RequestName>;
    const context = this.context(socket);
    try {
      if (handler.requiresJoin) {
        const peer = socket.data.peerId
          ? this.services.rooms.find(context.identity.consultId)?.peers.get(socket.data.peerId)
          : undefined;
        if (!peer) return fail('NOT_JOINED', `join the consult before ${event}`);
        return ok(
          await handler.handle(parsed.data as never, {
            ...context,
            peer,
            room: this.services.rooms.room(context.identity.consultId),
          }),
        );
      }
      return ok(await handler.handle(parsed.data as never, context));
    } catch (error) {
      return { ok: false, error: this.toProtocolError(error) };
    }
  }

  private toProtocolError(error: unknown): ProtocolError {
    if (error instanceof ApiError)
      return error.field === undefined
        ? { code: error.code, message: error.message }
        : { code: error.code, message: error.message, field: error.field };
    this.logger.error(error instanceof Error ? error.stack : String(error));
    return { code: 'INTERNAL', message: 'the server could not complete this request' };
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
    await this.services.sfu.request('router:close', { roomId: consultId }).catch(() => undefined);
  }
}
