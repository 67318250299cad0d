import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@teleconsult/protocol';
import type {
  SfuNotification,
  SfuRequestName,
  SfuRequestPayload,
  SfuResponseMap,
} from '@teleconsult/sfu-rpc';
import { createLogger } from '../../src/logger';
import { loadSfuConfig } from '../../src/config/sfu-config';
import { type RunningSfu, startSfu } from '../../src/sfu-server';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export async function startTestSfu(workers = 1): Promise<RunningSfu> {
  const config = loadSfuConfig({
    SFU_SECRET: TEST_SECRET,
    SFU_RPC_PORT: '0',
    SFU_RTC_PORT_BASE: '0',
    SFU_NUM_WORKERS: String(workers),
  });
  return startSfu(config, createLogger('silent'));
}

export interface RpcClient {
  socket: Socket;
  notifications: SfuNotification[];
  call<K extends SfuRequestName>(name: K, payload: SfuRequestPayload<K>): Promise<Ack<SfuResponseMap[K]>>;
  /** Like call, but throws on an error acknowledgement. */
  ok<K extends SfuRequestName>(name: K, payload: SfuRequestPayload<K>): Promise<SfuResponseMap[K]>;
  raw(event: string, payload: unknown): Promise<Ack<unknown>>;
  waitFor(predicate: (n: SfuNotification) => boolean, timeoutMs?: number): Promise<SfuNotification>;
  close(): void;
}

export async function connectRpc(url: string, secret = TEST_SECRET): Promise<RpcClient> {
  const socket = io(url, { auth: { secret }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const notifications: SfuNotification[] = [];
  const listeners = new Set<() => void>();
  socket.on('notification', (n: SfuNotification) => {
    notifications.push(n);
    for (const listener of listeners) listener();
  });
  const raw = (event: string, payload: unknown) =>
    new Promise<Ack<unknown>>((resolve) => socket.emit(event, payload, resolve));
  const client: RpcClient = {
    socket,
    notifications,
    call: (name, payload) => raw(name, payload) as never,
    ok: async (name, payload) => {
      const ack = await client.call(name, payload);
      if (!ack.ok) throw new Error(`${name} failed: ${ack.error.code} ${ack.error.message}`);
      return ack.data;
    },
    raw,
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = notifications.find(predicate);
          if (!hit) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`notification not received; got ${JSON.stringify(notifications)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    close: () => socket.close(),
  };
  return client;
}
