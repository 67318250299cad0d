import { ApiError } from '../../common/api-error';
import { type SignalHandlerTable, joined } from '../signalling-context';
import { ownConsumer, ownProducer, ownTransport } from './ownership';

/** Camera, microphone, screen and imaging: more than this from one peer is misuse. */
const MAX_PRODUCERS_PER_PEER = 4;
const MAX_TRANSPORTS_PER_PEER = 4;

type MediaRequests =
  | 'transport:create'
  | 'transport:connect'
  | 'transport:restartIce'
  | 'producer:create'
  | 'producer:pause'
  | 'producer:resume'
  | 'producer:close'
  | 'consumer:create'
  | 'consumer:resume'
  | 'consumer:setPreferredLayers';

export const mediaHandlers: SignalHandlerTable<MediaRequests> = {
  'transport:create': joined(async ({ direction }, { peer, room, sfu }) => {
    if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER)
      throw new ApiError('RATE_LIMITED', 'too many transports for one participant');
    const transport = await sfu.request('transport:create', {
      roomId: room.consultId,
      peerId: peer.peerId,
      direction,
    });
    peer.transports.add(transport.transportId);
    return transport;
  }),
  'transport:connect': joined(async ({ transportId, dtlsParameters }, { peer, sfu }) =>
    sfu.request('transport:connect', { transportId: ownTransport(peer, transportId), dtlsParameters }),
  ),
  'transport:restartIce': joined(async ({ transportId }, { peer, sfu }) =>
    sfu.request('transport:restartIce', { transportId: ownTransport(peer, transportId) }),
  ),
  'producer:create': joined(
    async ({ transportId, kind, rtpParameters, source }, { peer, room, sfu, socket }) => {
      ownTransport(peer, transportId);
      if (peer.producers.size >= MAX_PRODUCERS_PER_PEER)
        throw new ApiError('RATE_LIMITED', 'too many media sources for one participant');
      const { producerId } = await sfu.request('producer:create', {
        transportId,
        kind,
        rtpParameters,
        source,
      });
      peer.producers.set(producerId, { kind, source, paused: false });
      socket.to(room.consultId).emit('notification', {
        type: 'producer:added',
        producer: { producerId, peerId: peer.peerId, kind, source, paused: false },
      });
      return { producerId };
    },
  ),
  'producer:pause': joined(async ({ producerId }, { peer, room, sfu, socket }) => {
    const producer = ownProducer(peer, producerId);
    await sfu.request('producer:pause', { producerId });
    producer.paused = true;
    socket.to(room.consultId).emit('notification', { type: 'producer:paused', producerId });
    return {};
  }),
  'producer:resume': joined(async ({ producerId }, { peer, room, sfu, socket }) => {
    const producer = ownProducer(peer, producerId);
    await sfu.request('producer:resume', { producerId });
    producer.paused = false;
    socket.to(room.consultId).emit('notification', { type: 'producer:resumed', producerId });
    return {};
  }),
  'producer:close': joined(async ({ producerId }, { peer, room, sfu, socket }) => {
    ownProducer(peer, producerId);
    await sfu.request('producer:close', { producerId });
    peer.producers.delete(producerId);
    socket.to(room.consultId).emit('notification', { type: 'producer:closed', producerId });
    return {};
  }),
  'consumer:create': joined(async ({ transportId, producerId, rtpCapabilities }, { peer, room, sfu }) => {
    ownTransport(peer, transportId);
    const owner = [...room.peers.values()].find(
      (p) => p.peerId !== peer.peerId && p.producers.has(producerId),
    );
    // Not in this room (or one's own): the same answer as a producer that does not exist.
    if (!owner) throw new ApiError('NOT_FOUND', 'no such producer in this consult', 'producerId');
    const consumer = await sfu.request('consumer:create', { transportId, producerId, rtpCapabilities });
    peer.consumers.add(consumer.consumerId);
    return { ...consumer, peerId: owner.peerId, source: owner.producers.get(producerId)!.source };
  }),
  'consumer:resume': joined(async ({ consumerId }, { peer, sfu }) =>
    sfu.request('consumer:resume', { consumerId: ownConsumer(peer, consumerId) }),
  ),
  'consumer:setPreferredLayers': joined(async ({ consumerId, spatialLayer, temporalLayer }, { peer, sfu }) =>
    sfu.request('consumer:setPreferredLayers', {
      consumerId: ownConsumer(peer, consumerId),
      spatialLayer,
      ...(temporalLayer === undefined ? {} : { temporalLayer }),
    }),
  ),
};
