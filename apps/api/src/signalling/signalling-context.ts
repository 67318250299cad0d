import type { Namespace, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  RequestName,
  RequestPayload,
  ResponseMap,
  ServerToClientEvents,
} from '@teleconsult/protocol';
import type { AuditService } from '../audit/audit.service';
import type { ConsultsService } from '../consults/consults.service';
import type { SfuClient } from '../sfu/sfu-client.service';
import type { Peer, Room, RoomRegistry } from './room-registry.service';

/** Who a socket is, established once by the handshake. */
export type SocketIdentity =
  | { kind: 'clinician'; userId: string; name: string; consultId: string; ip: string }
  | { kind: 'patient'; linkId: string; consultId: string; ip: string };

export interface SocketData {
  identity: SocketIdentity;
  peerId?: string;
  /** Set while room:join awaits the SFU, so a second join sent meanwhile is refused. */
  joining?: boolean;
}

export type ConsultSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ConsultNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface SignallingServices {
  rooms: RoomRegistry;
  sfu: SfuClient;
  consults: ConsultsService;
  audit: AuditService;
  namespace: () => ConsultNamespace;
}

export interface HandlerContext extends SignallingServices {
  socket: ConsultSocket;
  identity: SocketIdentity;
}

/** A joined peer and its room; every handler but room:join needs one. */
export interface JoinedContext extends HandlerContext {
  peer: Peer;
  room: Room;
}

export type SignalHandler<K extends RequestName> = {
  requiresJoin: boolean;
  handle(
    payload: RequestPayload<K>,
    context: HandlerContext & Partial<JoinedContext>,
  ): Promise<ResponseMap[K]>;
};

export type SignalHandlerTable<K extends RequestName> = { [Name in K]: SignalHandler<Name> };

/** Handlers that need the peer: the dispatcher checks the join before calling them. */
export function joined<K extends RequestName>(
  handle: (payload: RequestPayload<K>, context: JoinedContext) => Promise<ResponseMap[K]>,
): SignalHandler<K> {
  return { requiresJoin: true, handle: (payload, context) => handle(payload, context as JoinedContext) };
}
