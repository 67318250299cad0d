import type { types } from 'mediasoup';
import type { SfuNotification } from '@teleconsult/sfu-rpc';
import { SfuError } from '../rpc/sfu-error';
import { mediaCodecs } from '../workers/media-codecs';
import type { PooledWorker, WorkerPool } from '../workers/worker-pool';

export interface Room {
  id: string;
  router: types.Router;
  workerIndex: number;
}

interface Owned<T> {
  handle: T;
  roomId: string;
  peerId: string;
}

/**
 * Rooms (one router each) and every transport, producer and consumer by id, with the room and
 * peer that own it. mediasoup's observer `close` events keep the maps right whichever way a
 * handle closes (explicitly, with its transport, with its router, or with a dead worker).
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly pending = new Map<string, Promise<Room>>();
  /** Rooms whose worker closed under them, by worker index, until the pool reports why. */
  private readonly lostRooms = new Map<number, string[]>();
  readonly transports = new Map<string, Owned<types.WebRtcTransport | types.PlainTransport>>();
  readonly producers = new Map<string, Owned<types.Producer>>();
  readonly consumers = new Map<string, Owned<types.Consumer>>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly notify: (notification: SfuNotification) => void,
  ) {
    pool.on('workerDied', (index, reason) => this.dropWorkerRooms(index, reason));
  }

  routerCount(workerIndex: number): number {
    let count = 0;
    for (const room of this.rooms.values()) if (room.workerIndex === workerIndex) count += 1;
    return count;
  }

  room(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new SfuError('NOT_FOUND', `room ${roomId} has no router`, 'roomId');
    return room;
  }

  worker(room: Room): PooledWorker {
    const pooled = this.pool.all()[room.workerIndex];
    if (!pooled) throw new SfuError('SFU_UNAVAILABLE', 'the room’s media worker is gone');
    return pooled;
  }

  /** Returns the room's router, creating it on the least-loaded live worker (once, even if asked twice at once). */
  async ensure(roomId: string): Promise<Room> {
    const existing = this.rooms.get(roomId);
    if (existing && !existing.router.closed) return existing;
    const inFlight = this.pending.get(roomId);
    if (inFlight) return inFlight;
    const creating = (async () => {
      const pooled = this.pool.leastLoaded((index) => this.routerCount(index));
      if (!pooled) throw new SfuError('SFU_UNAVAILABLE', 'no media worker is running; retry shortly');
      const router = await pooled.worker.createRouter({ mediaCodecs, appData: { roomId } });
      const room: Room = { id: roomId, router, workerIndex: pooled.index };
      this.rooms.set(roomId, room);
      router.observer.once('close', () => {
        if (this.rooms.get(roomId) === room) this.rooms.delete(roomId);
      });
      // mediasoup closes a dead worker's routers before it emits 'died': remember them.
      router.once('workerclose', () => this.lostRooms.set(room.workerIndex, [...(this.lostRooms.get(room.workerIndex) ?? []), roomId]));
      return room;
    })();
    this.pending.set(roomId, creating);
    try {
      return await creating;
    } finally {
      this.pending.delete(roomId);
    }
  }

  closeRoom(roomId: string): void {
    this.rooms.get(roomId)?.router.close();
  }

  closePeer(roomId: string, peerId: string): void {
    for (const [, owned] of this.transports) {
      if (owned.roomId === roomId && owned.peerId === peerId) owned.handle.close();
    }
  }

  addTransport(transport: types.WebRtcTransport | types.PlainTransport, roomId: string, peerId: string): void {
    this.transports.set(transport.id, { handle: transport, roomId, peerId });
    // The union's observers have incompatible overloads; 'close' exists on both.
    (transport.observer as types.Transport['observer']).once('close', () => this.transports.delete(transport.id));
  }

  addProducer(producer: types.Producer, roomId: string, peerId: string): void {
    this.producers.set(producer.id, { handle: producer, roomId, peerId });
    producer.observer.once('close', () => this.producers.delete(producer.id));
  }

  addConsumer(consumer: types.Consumer, roomId: string, peerId: string): void {
    this.consumers.set(consumer.id, { handle: consumer, roomId, peerId });
    const base = { roomId, peerId, consumerId: consumer.id };
    consumer.observer.once('close', () => this.consumers.delete(consumer.id));
    consumer.on('producerclose', () => this.notify({ type: 'consumer:closed', ...base, reason: 'producer closed' }));
    consumer.on('transportclose', () => this.consumers.delete(consumer.id));
    consumer.on('producerpause', () => this.notify({ type: 'consumer:producerPaused', ...base }));
    consumer.on('producerresume', () => this.notify({ type: 'consumer:producerResumed', ...base }));
    consumer.on('layerschange', (layers) =>
      this.notify({
        type: 'consumer:layersChanged',
        ...base,
        spatialLayer: layers?.spatialLayer ?? null,
        temporalLayer: layers?.temporalLayer ?? null,
      }),
    );
  }

  transport(id: string): Owned<types.WebRtcTransport | types.PlainTransport> {
    return found(this.transports.get(id), 'transport', 'transportId');
  }

  producer(id: string): Owned<types.Producer> {
    return found(this.producers.get(id), 'producer', 'producerId');
  }

  consumer(id: string): Owned<types.Consumer> {
    return found(this.consumers.get(id), 'consumer', 'consumerId');
  }

  private dropWorkerRooms(workerIndex: number, reason: string): void {
    const lost = new Set(this.lostRooms.get(workerIndex) ?? []);
    this.lostRooms.delete(workerIndex);
    for (const room of [...this.rooms.values()]) {
      if (room.workerIndex === workerIndex) {
        this.rooms.delete(room.id);
        lost.add(room.id);
      }
    }
    for (const roomId of lost) this.notify({ type: 'room:mediaReset', roomId, reason });
  }
}

function found<T>(value: T | undefined, what: string, field: string): T {
  if (value === undefined) throw new SfuError('NOT_FOUND', `no such ${what}`, field);
  return value;
}
