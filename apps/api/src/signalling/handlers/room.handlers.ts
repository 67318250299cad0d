import { randomUUID } from 'node:crypto';
import {
  type DeviceCheck,
  type JoinResult,
  MAX_ROOM_PARTICIPANTS,
  type WaitingResult,
} from '@teleconsult/protocol';
import { ApiError } from '../../common/api-error';
import type { ConsultParticipant } from '../../lobby/entities/consult-participant.entity';
import { type Peer, toPeerInfo } from '../room-registry.service';
import {
  type HandlerContext,
  type SignalHandlerTable,
  joined,
  participantChannel,
  staffChannel,
} from '../signalling-context';

/** Removes a peer everywhere: SFU media, room membership, and tells the others. */
export async function leaveRoom(context: HandlerContext, reason: string): Promise<void> {
  const { socket, identity, rooms, sfu, audit, participants } = context;
  const peerId = socket.data.peerId;
  if (!peerId) return;
  socket.data.peerId = undefined;
  const peer = rooms.remove(identity.consultId, peerId);
  await socket.leave(identity.consultId);
  await sfu.request('peer:close', { roomId: identity.consultId, peerId }).catch(() => undefined);
  socket.to(identity.consultId).emit('notification', { type: 'peer:left', peerId });
  if (!rooms.find(identity.consultId))
    await sfu.request('router:close', { roomId: identity.consultId }).catch(() => undefined);
  if (peer) {
    if (socket.data.participantId) await participants.markLeft(socket.data.participantId);
    await audit.record({
      ...actorOf(context),
      action: 'room.left',
      consultId: identity.consultId,
      detail: { reason },
    });
  }
}

/** A waiting socket goes away: it gives up its place (unless a newer socket of the patient took it). */
export async function leaveWaitingRoom(context: HandlerContext, reason: string): Promise<void> {
  const { socket, identity, waitingRoom, audit } = context;
  const participantId = socket.data.participantId;
  if (!socket.data.waiting || !participantId) return;
  socket.data.waiting = false;
  if (waitingRoom.leave(participantId, socket.id)) {
    await audit.record({
      ...actorOf(context),
      action: 'lobby.left',
      consultId: identity.consultId,
      detail: { participantId, reason },
    });
  }
}

export const actorOf = ({ identity }: HandlerContext) =>
  identity.kind === 'clinician'
    ? { actorType: 'user' as const, actorId: identity.userId, ip: identity.ip }
    : { actorType: 'patient' as const, actorId: `link:${identity.linkId}`, ip: identity.ip };

/**
 * Another connection of the same participant (the tab before a network change, or a second
 * device) is let go, so the patient appears once and the newest connection wins.
 */
function replaceOlderConnections(context: HandlerContext, participantId: string): void {
  for (const other of context.namespace().sockets.values()) {
    if (other.id === context.socket.id || other.data.participantId !== participantId) continue;
    other.emit('notification', {
      type: 'room:closed',
      reason: 'this consultation was opened in another window or on another device',
    });
    other.disconnect(true);
  }
}

async function participantOf(
  context: HandlerContext,
  displayName: string,
  deviceCheck: DeviceCheck | undefined,
): Promise<ConsultParticipant> {
  const { identity, participants } = context;
  if (identity.kind === 'clinician')
    return participants.forClinician(identity.consultId, identity.userId, identity.name);
  return participants.forPatientLink(identity.consultId, identity.linkId, displayName, deviceCheck);
}

async function enterWaitingRoom(
  context: HandlerContext,
  participant: ConsultParticipant,
): Promise<WaitingResult> {
  const { socket, identity, waitingRoom, chat, audit, consults } = context;
  const firstTime = !socket.data.waiting;
  socket.data.waiting = true;
  await socket.join(participantChannel(participant.id));
  replaceOlderConnections(context, participant.id);
  const consult = await consults.getOwned(identity.ownerId, identity.consultId);
  if (socket.disconnected) throw new ApiError('NOT_JOINED', 'the connection closed while joining');
  const waitingSince = (participant.waitingSince ?? new Date()).toISOString();
  waitingRoom.enter(
    {
      participantId: participant.id,
      consultId: identity.consultId,
      consultTitle: consult.title,
      displayName: participant.displayName,
      waitingSince,
      deviceCheck: participant.deviceCheck,
    },
    identity.ownerId,
    socket.id,
  );
  if (firstTime) {
    await audit.record({
      ...actorOf(context),
      action: 'lobby.waiting',
      consultId: identity.consultId,
      detail: { participantId: participant.id, deviceCheck: participant.deviceCheck },
    });
  }
  return {
    status: 'waiting',
    participantId: participant.id,
    waitingSince,
    chat: await chat.history(identity.consultId, {
      role: 'patient',
      participantId: participant.id,
      admitted: false,
    }),
  };
}

async function enterRoom(context: HandlerContext, participant: ConsultParticipant): Promise<JoinResult> {
  const { socket, identity, rooms, sfu, consults, audit, participants, chat, waitingRoom } = context;
  const { rtpCapabilities } = await sfu.request('router:ensure', { roomId: identity.consultId });
  // Gone while the SFU answered: its disconnect cleanup already ran, so it must not become a peer.
  if (socket.disconnected) throw new ApiError('NOT_JOINED', 'the connection closed while joining');
  if (socket.data.waiting) {
    socket.data.waiting = false;
    waitingRoom.leave(participant.id, socket.id);
  }
  await socket.join(participantChannel(participant.id));
  replaceOlderConnections(context, participant.id);
  const room = rooms.room(identity.consultId);
  // Peers of this participant's older connections are on their way out (replaced above).
  const present = [...room.peers.values()].filter(
    (p) => context.namespace().sockets.get(p.socketId)?.data.participantId !== participant.id,
  );
  if (present.length >= MAX_ROOM_PARTICIPANTS) {
    throw new ApiError('ROOM_FULL', `the consult room is full (${MAX_ROOM_PARTICIPANTS} participants)`);
  }
  const peer: Peer = {
    peerId: randomUUID(),
    socketId: socket.id,
    displayName: participant.displayName,
    role: participant.role,
    joinedAt: new Date().toISOString(),
    transports: new Set(),
    producers: new Map(),
    consumers: new Set(),
  };
  const others = [...room.peers.values()].map(toPeerInfo);
  room.peers.set(peer.peerId, peer);
  socket.data.peerId = peer.peerId;
  await socket.join(identity.consultId);
  // Waiting-room updates and private patient threads reach the owner only (least privilege for invitees).
  const owner = identity.kind === 'clinician' && identity.access === 'owner';
  if (owner) await socket.join(staffChannel(identity.consultId));
  socket.to(identity.consultId).emit('notification', { type: 'peer:joined', peer: toPeerInfo(peer) });
  await consults.markStarted(identity.consultId);
  await participants.markJoined(participant.id);
  await audit.record({
    ...actorOf(context),
    action: 'room.joined',
    consultId: identity.consultId,
    detail: {
      peerId: peer.peerId,
      participantId: participant.id,
      ...(identity.kind === 'clinician' ? { access: identity.access } : {}),
    },
  });
  if (owner) {
    socket.emit('notification', {
      type: 'lobby:changed',
      waiting: waitingRoom.forConsult(identity.consultId),
    });
  }
  return {
    status: 'joined',
    participantId: participant.id,
    chat: await chat.history(
      identity.consultId,
      // An invited clinician reads what the room reads, like an admitted patient: no private threads.
      owner ? { role: 'clinician' } : { role: 'patient', participantId: participant.id, admitted: true },
    ),
    self: toPeerInfo(peer),
    peers: others,
    producers: rooms.producersOf(room, peer.peerId),
    routerRtpCapabilities: rtpCapabilities,
  };
}

export const roomHandlers: SignalHandlerTable<'room:join' | 'room:leave'> = {
  /**
   * A clinician enters the room. A patient enters the waiting room until admitted; once their
   * link is admitted (remembered in the database) every later join, e.g. after a network change,
   * goes straight into the room. A waiting socket joins again after `lobby:admitted`.
   */
  'room:join': {
    access: 'open',
    handle: async ({ displayName, deviceCheck }, context) => {
      const { socket } = context;
      if (socket.data.peerId || socket.data.joining)
        throw new ApiError('ALREADY_JOINED', 'this connection has already joined the consult');
      socket.data.joining = true;
      try {
        const participant = await participantOf(context, displayName, deviceCheck);
        if (participant.status === 'denied')
          throw new ApiError(
            'ADMISSION_DENIED',
            'the clinician did not admit this link to the consultation — contact the clinic for a new link',
          );
        socket.data.participantId = participant.id;
        socket.data.displayName = participant.displayName;
        return participant.status === 'waiting'
          ? await enterWaitingRoom(context, participant)
          : await enterRoom(context, participant);
      } finally {
        socket.data.joining = false;
      }
    },
  },
  'room:leave': joined(async (_payload, context) => {
    await leaveRoom(context, 'left');
    return {};
  }),
};
