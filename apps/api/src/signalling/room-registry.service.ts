import { Injectable } from '@nestjs/common';
import type { MediaKind, MediaSource, ParticipantRole, PeerInfo, ProducerInfo } from '@teleconsult/protocol';

export interface ProducerRecord {
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

export interface Peer {
  peerId: string;
  socketId: string;
  displayName: string;
  role: ParticipantRole;
  joinedAt: string;
  transports: Set<string>;
  producers: Map<string, ProducerRecord>;
  consumers: Set<string>;
}

export interface Room {
  consultId: string;
  peers: Map<string, Peer>;
}

export const toPeerInfo = (peer: Peer): PeerInfo => ({
  peerId: peer.peerId,
  displayName: peer.displayName,
  role: peer.role,
  joinedAt: peer.joinedAt,
});

/**
 * Who is in which consult room and which media handles each of them owns. Handles are the
 * SFU's ids; owning one is what entitles a socket to name it in a request.
 */
@Injectable()
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  room(consultId: string): Room {
    let room = this.rooms.get(consultId);
    if (!room) {
      room = { consultId, peers: new Map() };
      this.rooms.set(consultId, room);
    }
    return room;
  }

  find(consultId: string): Room | undefined {
    return this.rooms.get(consultId);
  }

  remove(consultId: string, peerId: string): Peer | undefined {
    const room = this.rooms.get(consultId);
    const peer = room?.peers.get(peerId);
    room?.peers.delete(peerId);
    if (room && room.peers.size === 0) this.rooms.delete(consultId);
    return peer;
  }

  drop(consultId: string): Room | undefined {
    const room = this.rooms.get(consultId);
    this.rooms.delete(consultId);
    return room;
  }

  producersOf(room: Room, exceptPeerId: string): ProducerInfo[] {
    const list: ProducerInfo[] = [];
    for (const peer of room.peers.values()) {
      if (peer.peerId === exceptPeerId) continue;
      for (const [producerId, p] of peer.producers)
        list.push({ producerId, peerId: peer.peerId, kind: p.kind, source: p.source, paused: p.paused });
    }
    return list;
  }

  /** The peer in this room that owns the consumer, if any (to route SFU notifications). */
  ownerOfConsumer(consultId: string, consumerId: string): Peer | undefined {
    for (const peer of this.rooms.get(consultId)?.peers.values() ?? [])
      if (peer.consumers.has(consumerId)) return peer;
    return undefined;
  }
}
