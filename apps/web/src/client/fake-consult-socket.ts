import { Device } from 'mediasoup-client';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type {
  Ack,
  Notification,
  PeerInfo,
  ProducerInfo,
  RequestName,
  ResponseMap,
} from '@teleconsult/protocol';
import { fakeTransportOptions } from './fake-scripted-socket';
import type { ConsultSocket } from './signalling-channel';

type Answer = (payload: Record<string, unknown>) => Ack<unknown> | Promise<Ack<unknown>>;
type Listener = (...args: unknown[]) => void;

const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

/**
 * A scripted stand-in for the api's socket.io namespace, for unit tests of ConsultClient in jsdom:
 * answers each request like the real gateway would, records what was asked, and lets the test
 * play the server's side (connect, drop, refuse, notify). Media parameters come from
 * mediasoup-client's own fake parameters, so the real Device and Transport code runs.
 */
export class FakeConsultSocket {
  connected = false;
  readonly requests: Array<{ name: RequestName; payload: Record<string, unknown> }> = [];
  /** Producers of other peers the server knows; `room:join` returns them. */
  readonly producers = new Map<string, ProducerInfo>();
  readonly peers: PeerInfo[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly overrides = new Map<RequestName, Answer>();
  private nextProducer = 0;

  /** The fake typed as the real socket, for ConsultClient's `openSocket`. */
  asSocket(): ConsultSocket {
    return this as unknown as ConsultSocket;
  }

  answer(name: RequestName, answer: Answer): void {
    this.overrides.set(name, answer);
  }

  requested(name: RequestName) {
    return this.requests.filter((r) => r.name === name).map((r) => r.payload);
  }

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(): this {
    this.listeners.clear();
    return this;
  }

  disconnect(): this {
    if (this.connected) this.serverDrop('io client disconnect');
    return this;
  }

  timeout(): { emitWithAck: (name: RequestName, payload: Record<string, unknown>) => Promise<Ack<unknown>> } {
    return {
      emitWithAck: async (name, payload) => {
        this.requests.push({ name, payload });
        return (this.overrides.get(name) ?? ((p: Record<string, unknown>) => this.reply(name, p)))(payload);
      },
    };
  }

  serverConnect(): void {
    this.connected = true;
    this.fire('connect');
  }

  serverDrop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  refuseHandshake(code: string, message: string): void {
    this.fire('connect_error', Object.assign(new Error(message), { data: { code, message } }));
  }

  notify(notification: Notification): void {
    this.fire('notification', notification);
  }

  private fire(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.forEach((listener) => listener(...args));
  }

  /** What the real gateway would answer; an `answer` override can fall back to it. */
  reply(name: RequestName, payload: Record<string, unknown>): Ack<unknown> {
    switch (name) {
      case 'room:join': {
        const result: ResponseMap['room:join'] = {
          status: 'joined',
          participantId: 'participant-self',
          chat: [],
          self: {
            peerId: 'self',
            displayName: String(payload.displayName),
            role: 'patient',
            joinedAt: new Date().toISOString(),
          },
          peers: this.peers,
          producers: [...this.producers.values()],
          routerRtpCapabilities: fakeParameters.generateRouterRtpCapabilities() as never,
        };
        return ok(result);
      }
      case 'transport:create':
        return ok(fakeTransportOptions());
      case 'transport:restartIce':
        return ok({ iceParameters: fakeParameters.generateTransportRemoteParameters().iceParameters });
      case 'producer:create':
        this.nextProducer += 1;
        return ok({ producerId: `local-${this.nextProducer}` });
      case 'consumer:create': {
        const producer = this.producers.get(String(payload.producerId));
        if (!producer) return { ok: false, error: { code: 'NOT_FOUND', message: 'no such producer' } };
        const params = fakeParameters.generateConsumerRemoteParameters({
          codecMimeType: producer.kind === 'audio' ? 'audio/opus' : 'video/VP8',
        });
        return ok({
          consumerId: params.id,
          producerId: producer.producerId,
          peerId: producer.peerId,
          kind: producer.kind,
          source: producer.source,
          rtpParameters: params.rtpParameters,
          type: producer.kind === 'audio' ? 'simple' : 'simulcast',
          producerPaused: producer.paused,
        });
      }
      default:
        return ok({});
    }
  }
}

export interface FakeDevices {
  create: () => Device;
  /** Every handler (one per transport) the devices made, to drive its connection state. */
  handlers: Array<{ direction: 'send' | 'recv'; handler: FakeHandler }>;
}

/** Devices on mediasoup-client's FakeHandler, recording their transports' handlers. */
export function fakeDevices(): FakeDevices {
  const handlers: FakeDevices['handlers'] = [];
  const base = FakeHandler.createFactory(fakeParameters);
  const handlerFactory = {
    ...base,
    factory: (options: Parameters<typeof base.factory>[0]) => {
      const handler = base.factory(options) as FakeHandler;
      handlers.push({ direction: options.direction, handler });
      return handler;
    },
  };
  return { handlers, create: () => new Device({ handlerFactory }) };
}
