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
  type DashboardRequestName,
  type DashboardRequestPayload,
  type DashboardResponseMap,
  type DashboardServerToClientEvents,
  MAX_SOCKET_BUFFER_BYTES,
  dashboardAuthSchema,
  dashboardRequestSchemas,
  fail,
  isDashboardRequestName,
  ok,
  validationError,
} from '@teleconsult/protocol';
import { decodeJwt } from 'jose';
import type { Namespace, Socket } from 'socket.io';
import { TokenService } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { oversizeError, toProtocolError } from '../common/socket-messages';
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

type Handlers = {
  [K in DashboardRequestName]: (
    payload: DashboardRequestPayload<K>,
    socket: DashboardSocket,
  ) => Promise<DashboardResponseMap[K]>;
};

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
  private readonly handlers: Handlers;

  constructor(
    private readonly tokens: TokenService,
    private readonly dashboard: DashboardService,
  ) {
    const actor = (socket: DashboardSocket) => socket.data.clinician;
    this.handlers = {
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
  }

  afterInit(namespace: DashboardNamespace): void {
    namespace.use((socket, next) => {
      this.identify(socket.handshake.auth, socket.handshake.address)
        .then((identity) => {
          socket.data.clinician = identity.clinician;
          // The socket lives no longer than the token that opened it.
          const ms = identity.expiresAt - Date.now();
          socket.data.expiryTimer = setTimeout(
            () => {
              socket.emit('notification', {
                type: 'error',
                error: {
                  code: 'UNAUTHENTICATED',
                  message: 'your session expired; reconnect with a fresh token',
                },
              });
              socket.disconnect(true);
            },
            Math.max(0, ms),
          );
          next();
        })
        .catch((error: unknown) => {
          const protocolError = toProtocolError(error, this.logger);
          next(Object.assign(new Error(protocolError.code), { data: protocolError }));
        });
    });
  }

  async handleConnection(socket: DashboardSocket): Promise<void> {
    if (!socket.data.clinician) return;
    await socket.join(clinicianChannel(socket.data.clinician.userId));
    socket.emit('notification', {
      type: 'lobby:changed',
      waiting: this.dashboard.waitingFor(socket.data.clinician.userId),
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack =
        typeof args.at(-1) === 'function' ? (args.pop() as (response: Ack<unknown>) => void) : undefined;
      void this.dispatch(socket, event, args[0]).then((response) => {
        if (ack) ack(response);
        if (!response.ok && (!ack || response.error.code === 'UNKNOWN_EVENT'))
          socket.emit('notification', { type: 'error', error: response.error });
      });
    });
  }

  handleDisconnect(socket: DashboardSocket): void {
    clearTimeout(socket.data.expiryTimer);
  }

  private async identify(auth: unknown, ip: string) {
    const parsed = dashboardAuthSchema.safeParse(auth);
    if (!parsed.success) {
      const error = validationError(parsed.error);
      throw new ApiError(
        'UNAUTHENTICATED',
        `handshake auth is missing or malformed (${error.message})`,
        error.field,
      );
    }
    const claims = await this.tokens.verify(parsed.data.accessToken);
    if (claims.role !== 'clinician') throw new ApiError('FORBIDDEN', 'the waiting room is for clinicians');
    const exp = decodeJwt(parsed.data.accessToken).exp;
    return {
      clinician: { userId: claims.userId, name: claims.name, ip },
      expiresAt: typeof exp === 'number' ? exp * 1000 : Date.now(),
    };
  }

  private async dispatch(socket: DashboardSocket, event: string, payload: unknown): Promise<Ack<unknown>> {
    if (!isDashboardRequestName(event)) return fail('UNKNOWN_EVENT', `unknown event "${event.slice(0, 64)}"`);
    const oversize = oversizeError(event, payload);
    if (oversize) return { ok: false, error: oversize };
    const parsed = dashboardRequestSchemas[event].safeParse(payload);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    try {
      const handle = this.handlers[event] as (p: unknown, s: DashboardSocket) => Promise<unknown>;
      return ok(await handle(parsed.data, socket));
    } catch (error) {
      return { ok: false, error: toProtocolError(error, this.logger) };
    }
  }
}
