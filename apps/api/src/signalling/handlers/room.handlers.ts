import { randomUUID } from 'node:crypto';
import { ApiError } from '../../common/api-error';
import { type Peer, toPeerInfo } from '../room-registry.service';
import { type HandlerContext, type SignalHandlerTable, joined } from '../signalling-context';

/** Removes a peer everywhere: SFU media, room membership, and tells the others. */
export async function leaveRoom(context: HandlerContext, reason: string): Promise<void> {
  const { socket, identity, rooms, sfu, audit } = context;
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
    await audit.record({
      ...actorOf(context),
      action: 'room.left',
      consultId: identity.consultId,
      detail: { reason },
    });
  }
}

export const actorOf = ({ identity }: HandlerContext) =>
  identity.kind === 'clinician'
    ? { actorType: 'user' as const, actorId: identity.userId, ip: identity.ip }
    : { actorType: 'patient' as const, actorId: `link:${identity.linkId}`, ip: identity.ip };

export const roomHandlers: SignalHandlerTable<'room:join' | 'room:leave'> = {
  'room:join': {
    requiresJoin: false,
    handle: async ({ displayName }, context) => {
      const { socket, identity, rooms, sfu, consults, audit } = context;
      if (socket.data.peerId || socket.data.joining)
        throw new ApiError('ALREADY_JOINED', 'this connection has already joined the consult');
      socket.data.joining = true;
      const { rtpCapabilities } = await sfu
        .request('router:ensure', { roomId: identity.consultId })
        .finally(() => (socket.data.joining = false));
      // Gone while the SFU answered: its disconnect cleanup already ran, so it must not become a peer.
      if (socket.disconnected) throw new ApiError('NOT_JOINED', 'the connection closed while joining');
      const room = rooms.room(identity.consultId);
      const peer: Peer = {
        peerId: randomUUID(),
        socketId: socket.id,
        // A clinician appears under the account's name; a patient under the name they typed.
        displayName: identity.kind === 'clinician' ? identity.name : displayName,
        role: identity.kind === 'clinician' ? 'clinician' : 'patient',
        joinedAt: new Date().toISOString(),
        transports: new Set(),
        producers: new Map(),
        consumers: new Set(),
      };
      const others = [...room.peers.values()].map(toPeerInfo);
      room.peers.set(peer.peerId, peer);
      socket.data.peerId = peer.peerId;
      await socket.join(identity.consultId);
      socket.to(identity.consultId).emit('notification', { type: 'peer:joined', peer: toPeerInfo(peer) });
      await consults.markStarted(identity.consultId);
      await audit.record({
        ...actorOf(context),
        action: 'room.joined',
        consultId: identity.consultId,
        detail: { peerId: peer.peerId },
      });
      return {
        self: toPeerInfo(peer),
        peers: others,
        producers: rooms.producersOf(room, peer.peerId),
        routerRtpCapabilities: rtpCapabilities,
      };
    },
  },
  'room:leave': joined(async (_payload, context) => {
    await leaveRoom(context, 'left');
    return {};
  }),
};
