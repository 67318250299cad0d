import { ApiError } from '../../common/api-error';
import type { Peer } from '../room-registry.service';

/** A handle this peer does not own is reported as missing: ids of others reveal nothing. */
export function ownTransport(peer: Peer, transportId: string): string {
  if (!peer.transports.has(transportId)) throw new ApiError('NOT_FOUND', 'no such transport', 'transportId');
  return transportId;
}

export function ownProducer(peer: Peer, producerId: string) {
  const producer = peer.producers.get(producerId);
  if (!producer) throw new ApiError('NOT_FOUND', 'no such producer', 'producerId');
  return producer;
}

export function ownConsumer(peer: Peer, consumerId: string): string {
  if (!peer.consumers.has(consumerId)) throw new ApiError('NOT_FOUND', 'no such consumer', 'consumerId');
  return consumerId;
}
