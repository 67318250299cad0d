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
  type DashboardClientToServerEvents,
  type DashboardResponseMap,
  type DashboardServerToClientEvents,
  MAX_SOCKET_BUFFER_BYTES,
  dashboardRequestSchemas,
} from '@teleconsult/protocol';
import type { Namespace, Socket } from 'socket.io';
import { clinicianSocketMiddleware } from '../auth/clinician-socket-auth';
import { TokenService } from '../auth/token.service';
import { InvitationsService } from '../invitations/invitations.service';
import { type SocketHandlers, listenForRequests, socketDispatcher } from '../common/socket-dispatch';
import { DashboardService } from './dashboard.service';

export interface DashboardSocketData {
  clinician: { userId: string; name: string; ip: string };
  expiryTimer?: NodeJS.Timeout;
}
export type DashboardSocket = Socket<
  DashboardClientToServerEvents,
  DashboardServerToClientEvents,
  Record<string, never>,
  DashboardSocketData
>;
type DashboardNamespace = Namespace<
  DashboardClientToServerEvents,
  DashboardServerToClientEvents,
  Record<string, never>,
  DashboardSocketData
>;

/** Socket.io room of one clinician's dashboards (every tab they have open). */
export const clinicianChannel = (userId: string) => `clinician:${userId}`;

type Handlers = SocketHandlers<typeof dashboardRequestSchemas, DashboardSocket, DashboardResponseMap>;

/**
 * The clinician's dashboard socket: authenticated with the clinician's access token, it pushes the
 * live waiting list of all their consults and takes admit / turn away / chat requests, each
 * validated like every consult message. It closes when the access token expires; the client
 * reconnects with its refreshed token.
 */
@WebSocketGateway({ namespace: '/dashboard', maxHttpBufferSize: MAX_SOCKET_BUFFER_BYTES, serveClient: false })
export class DashboardGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit
{
  private readonly logger = new Logger('DashboardGateway');
  @WebSocketServer() private readonly namespace!: DashboardNamespace;
  private readonly dispatch: (
    socket: DashboardSocket,
    event: string,
    payload: unknown,
  ) => Promise<Ack<unknown>>;

  constructor(
    private readonly tokens: TokenService,
    private readonly dashboard: DashboardService,
    private readonly invitations: InvitationsService,
  ) {
    const actor = (socket: DashboardSocket) => socket.data.clinician;
    const handlers: Handlers = {
      'lobby:list': async (_payload, socket) => ({
        waiting: this.dashboard.waitingFor(actor(socket).userId),
      }),
      'lobby:admit': async ({ consultId, participantId }, socket) => {
        await this.dashboard.admit(actor(socket), consultId, participantId);
        return {};
      },
      'lobby:deny': async ({ consultId, participantId, message }, socket) => {
        await this.dashboard.deny(actor(socket), consultId, participantId, message);
        return {};
      },
      'chat:history': async ({ consultId, participantId }, socket) => ({
        messages: await this.dashboard.thread(actor(socket), consultId, participantId),
      }),
      'chat:send': async ({ consultId, participantId, text }, socket) => ({
        message: await this.dashboard.sendPrivate(actor(socket), socket.id, consultId, participantId, text),
      }),
    };
    this.dispatch = socketDispatcher(dashboardRequestSchemas, handlers, this.logger);
  }

  onModuleInit(): void {
    this.dashboard.onWaitingChanged((clinicianId) =>
      this.namespace.to(clinicianChannel(clinicianId)).emit('notification', {
        type: 'lobby:changed',
        waiting: this.dashboard.waitingFor(clinicianId),
      }),
    );
    this.dashboard.onPrivateMessage((message, clinicianId) =>
      this.namespace
        .to(clinicianChannel(clinicianId))
        .emit('notification', { type: 'chat:message', message }),
    );
    // The dashboard re-reads GET /api/invitations: the list is small and REST keeps one source of truth.
    this.invitations.events.on('changed', (userId) =>
      this.namespace.to(clinicianChannel(userId)).emit('notification', { type: 'invitations:changed' }),
    );
  }

  afterInit(namespace: DashboardNamespace): void {
    namespace.use(clinicianSocketMiddleware(this.tokens, this.logger, 'the waiting room'));
  }

  async handleConnection(socket: DashboardSocket): Promise<void> {
    if (!socket.data.clinician) return;
    await socket.join(clinicianChannel(socket.data.clinician.userId));
    socket.emit('notification', {
      type: 'lobby:changed',
      waiting: this.dashboard.waitingFor(socket.data.clinician.userId),
    });
    listenForRequests(socket, this.dispatch);
  }

  handleDisconnect(socket: DashboardSocket): void {
    clearTimeout(socket.data.expiryTimer);
  }
}
