import type { types } from 'mediasoup';
import type { SfuNotification } from '@teleconsult/sfu-rpc';
import { SfuError } from '../rpc/sfu-error';
import { mediaCodecs } from './media-codecs';
import type { PooledWorker, WorkerPool } from '../workers/worker-pool';

/** How often the dominant speaker is re-evaluated (mediasoup's default is 300 ms). */
const SPEAKER_INTERVAL_MS = 300;

export interface Room {
  id: string;
  router: types.Router;
  worker: PooledWorker;
  /** Created on first use: carries data the api feeds in for headless publishers. */
  direct?: types.DirectTransport;
  /** Picks the dominant speaker among the room's microphones (announced as room:activeSpeaker). */
  speaker: types.ActiveSpeakerObserver;
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
  readonly transports = new Map<string, Owned<types.WebRtcTransport | types.PlainTransport>>();
  readonly producers = new Map<string, Owned<types.Producer>>();
  readonly consumers = new Map<string, Owned<types.Consumer>>();
  readonly dataProducers = new Map<string, Owned<types.DataProducer>>();
  readonly dataConsumers = new Map<string, Owned<types.DataConsumer>>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly notify: (notification: SfuNotification) => void,
  ) {
    // The routers closed with the worker, and their transports, producers and consumers with
    // them (the observers below emptied the maps); what is left is telling the api.
    pool.on('workerDied', (_index, reason, roomIds) => {
      for (const roomId of roomIds) this.notify({ type: 'room:mediaReset', roomId, reason });
    });
  }

  transportCount(workerIndex: number): number {
    let count = 0;
    for (const { roomId } of this.transports.values()) {
      if (this.rooms.get(roomId)?.worker.index === workerIndex) count += 1;
    }
    return count;
  }

  room(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new SfuError('NOT_FOUND', `room ${roomId} has no router`, 'roomId');
    return room;
  }

  /** Returns the room's router, creating it on the least-loaded live worker (once, even if asked twice at once). */
  async ensure(roomId: string): Promise<Room> {
    const existing = this.rooms.get(roomId);
    if (existing && !existing.router.closed) return existing;
    const inFlight = this.pending.get(roomId);
    if (inFlight) return inFlight;
    const creating = (async () => {
      const created = await this.pool.createRouter(roomId, mediaCodecs);
      if (!created) throw new SfuError('SFU_UNAVAILABLE', 'no media worker is running; retry shortly');
      const speaker = await created.router.createActiveSpeakerObserver({ interval: SPEAKER_INTERVAL_MS });
      speaker.on('dominantspeaker', ({ producer }) => {
        const peerId = this.producers.get(producer.id)?.peerId;
        if (peerId) this.notify({ type: 'room:activeSpeaker', roomId, peerId, producerId: producer.id });
      });
      const room: Room = { id: roomId, router: created.router, worker: created.pooled, speaker };
      this.rooms.set(roomId, room);
      room.router.observer.once('close', () => {
        if (this.rooms.get(roomId) === room) this.rooms.delete(roomId);
      });
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

  addTransport(
    transport: types.WebRtcTransport | types.PlainTransport,
    roomId: string,
    peerId: string,
  ): void {
    this.transports.set(transport.id, { handle: transport, roomId, peerId });
    // The union's observers have incompatible overloads; 'close' exists on both.
    (transport.observer as types.Transport['observer']).once('close', () =>
      this.transports.delete(transport.id),
    );
  }

  addProducer(producer: types.Producer, roomId: string, peerId: string): void {
    this.producers.set(producer.id, { handle: producer, roomId, peerId });
    producer.observer.once('close', () => this.producers.delete(producer.id));
  }

  /** Lets the room's speaker detection hear a microphone (it drops the producer when that closes). */
  async observeSpeaker(producer: types.Producer, roomId: string): Promise<void> {
    const speaker = this.rooms.get(roomId)?.speaker;
    if (speaker && !speaker.closed) await speaker.addProducer({ producerId: producer.id });
  }

  addConsumer(consumer: types.Consumer, roomId: string, peerId: string): void {
    this.consumers.set(consumer.id, { handle: consumer, roomId, peerId });
    const base = { roomId, peerId, consumerId: consumer.id };
    consumer.observer.once('close', () => this.consumers.delete(consumer.id));
    consumer.on('producerclose', () =>
      this.notify({ type: 'consumer:closed', ...base, reason: 'producer closed' }),
    );
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

  /** The room's DirectTransport for api-fed data producers (one per room). */
  async directTransport(roomId: string): Promise<types.DirectTransport> {
    const room = this.room(roomId);
    if (!room.direct || room.direct.closed)
      room.direct = await room.router.createDirectTransport({
        maxSendMessageSize: 64 * 1024,
        maxReceiveMessageSize: 64 * 1024,
      });
    return room.direct;
  }

  addDataProducer(dataProducer: types.DataProducer, roomId: string, peerId: string): void {
    this.dataProducers.set(dataProducer.id, { handle: dataProducer, roomId, peerId });
    dataProducer.observer.once('close', () => this.dataProducers.delete(dataProducer.id));
  }

  addDataConsumer(dataConsumer: types.DataConsumer, roomId: string, peerId: string): void {
    this.dataConsumers.set(dataConsumer.id, { handle: dataConsumer, roomId, peerId });
    dataConsumer.observer.once('close', () => this.dataConsumers.delete(dataConsumer.id));
    dataConsumer.on('dataproducerclose', () =>
      this.notify({
        type: 'dataConsumer:closed',
        roomId,
        peerId,
        dataConsumerId: dataConsumer.id,
        reason: 'data producer closed',
      }),
    );
  }

  dataProducer(id: string): Owned<types.DataProducer> {
    return found(this.dataProducers.get(id), 'data producer', 'dataProducerId');
  }

  dataConsumer(id: string): Owned<types.DataConsumer> {
    return found(this.dataConsumers.get(id), 'data consumer', 'dataConsumerId');
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
}

function found<T>(value: T | undefined, what: string, field: string): T {
  if (value === undefined) throw new SfuError('NOT_FOUND', `no such ${what}`, field);
  return value;
}
