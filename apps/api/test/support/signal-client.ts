import type {
  Ack,
  ClientToServerEvents,
  Notification,
  ServerToClientEvents,
  SocketAuth,
} from '@teleconsult/protocol';
import { io, type Socket } from 'socket.io-client';

export interface SignalClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  notifications: Notification[];
  request(event: string, payload: unknown): Promise<Ack<Record<string, unknown>>>;
  next(type: Notification['type'], timeoutMs?: number): Promise<Notification>;
  close(): void;
}

/** A real socket.io client on the consult namespace. Rejects with err.data on a refused handshake. */
export async function connectSignal(
  url: string,
  auth: SocketAuth | Record<string, unknown>,
): Promise<SignalClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${url}/consult`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const notifications: Notification[] = [];
  socket.on('notification', (n) => notifications.push(n));
  const untyped = socket as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<Record<string, unknown>>>;
  };
  return {
    socket,
    notifications,
    request: (event, payload) => untyped.emitWithAck(event, payload),
    next: async (type, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const hit = notifications.find((n) => n.type === type);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no ${type} notification; got ${JSON.stringify(notifications)}`);
    },
    close: () => socket.close(),
  };
}

/** The data of a successful acknowledgement, typed by the caller; throws on an error ack. */
export function dataOf<T>(ack: Ack<unknown>): T {
  if (!ack.ok) throw new Error(`request failed: ${JSON.stringify(ack.error)}`);
  return ack.data as T;
}
