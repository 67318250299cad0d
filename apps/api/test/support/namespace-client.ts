import type { Ack } from '@teleconsult/protocol';
import { io, type Socket } from 'socket.io-client';

/** A real socket.io client on one api namespace, recording its notifications. */
export interface NamespaceClient<N extends { type: string }> {
  socket: Socket;
  notifications: N[];
  request(event: string, payload: unknown): Promise<Ack<Record<string, unknown>>>;
  /** The first notification of this type matching `where`, waiting for it if need be. */
  next<T extends N['type']>(
    type: T,
    where?: (n: Extract<N, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<N, { type: T }>>;
  close(): void;
}

export async function connectNamespace<N extends { type: string }>(
  url: string,
  namespace: string,
  auth: unknown,
): Promise<NamespaceClient<N>> {
  const socket = io(`${url}${namespace}`, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
  });
  const notifications: N[] = [];
  socket.on('notification', (n: N) => notifications.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    notifications,
    request: (event, payload) => socket.emitWithAck(event, payload) as Promise<Ack<Record<string, unknown>>>,
    next: async (type, where = () => true, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const hit = notifications.find((n) => n.type === type && where(n as never));
        if (hit) return hit as never;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(
        `no matching ${type} notification; got ${JSON.stringify(notifications).slice(0, 2000)}`,
      );
    },
    close: () => socket.close(),
  };
}
