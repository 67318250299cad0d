import type { Namespace, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  ConsultAccessRole,
  RequestName,
  RequestPayload,
  ResponseMap,
  ServerToClientEvents,
} from '@teleconsult/protocol';
import type { AuditService } from '../audit/audit.service';
import type { ChatService } from '../chat/chat.service';
import type { ConsultsService } from '../consults/consults.service';
import type { ImageStore } from '../imaging/image-store.service';
import type { ParticipantsService } from '../lobby/participants.service';
import type { WaitingRoom } from '../lobby/waiting-room.service';
import type { SfuClient } from '../sfu/sfu-client.service';
import type { Peer, Room, RoomRegistry } from './room-registry.service';

/**
 * Who a socket is, established once by the handshake; `ownerId` is the consult's clinician. A
 * clinician is either that owner or an invited colleague (`access`).
 */
export type SocketIdentity =
  | {
      kind: 'clinician';
      userId: string;
      name: string;
      consultId: string;
      ownerId: string;
      access: ConsultAccessRole;
      ip: string;
    }
  | { kind: 'patient'; linkId: string; consultId: string; ownerId: string; ip: string };

export interface SocketData {
  identity: SocketIdentity;
  peerId?: string;
  /** Set by room:join: the lasting participant this socket speaks for (waiting or admitted). */
  participantId?: string;
  displayName?: string;
  /** In the waiting room: no media, no other participant's identity, only the private chat. */
  waiting?: boolean;
  /** Set while room:join is in progress, so a second join sent meanwhile is refused. */
  joining?: boolean;
  /** The first chat message of this connection is audited; later ones are not. */
  chatAudited?: boolean;
}

/** Socket.io room of every socket speaking for one participant (to reach a waiting patient). */
export const participantChannel = (participantId: string) => `participant:${participantId}`;
/** Socket.io room of the clinicians in a consult (waiting list, private threads). */
export const staffChannel = (consultId: string) => `staff:${consultId}`;

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
  participants: ParticipantsService;
  waitingRoom: WaitingRoom;
  chat: ChatService;
  images: ImageStore;
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

/**
 * Who may send a request, checked by the dispatcher before the handler runs: anyone connected,
 * a participant (joined or waiting), an admitted peer in the room, a clinician (owner or invited),
 * or the consult's owner only (admitting patients: invited clinicians get no say over who enters).
 */
export type Access = 'open' | 'participant' | 'peer' | 'clinician' | 'owner';

export type SignalHandler<K extends RequestName> = {
  access: Access;
  handle(
    payload: RequestPayload<K>,
    context: HandlerContext & Partial<JoinedContext>,
  ): Promise<ResponseMap[K]>;
};

export type SignalHandlerTable<K extends RequestName> = { [Name in K]: SignalHandler<Name> };

/** Handlers that need the peer: the dispatcher checks the join (and admission) before calling them. */
export function joined<K extends RequestName>(
  handle: (payload: RequestPayload<K>, context: JoinedContext) => Promise<ResponseMap[K]>,
): SignalHandler<K> {
  return { access: 'peer', handle: (payload, context) => handle(payload, context as JoinedContext) };
}
