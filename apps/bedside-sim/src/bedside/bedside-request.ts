import type {
  Ack,
  BedsideClientToServerEvents,
  BedsideRequestName,
  BedsideRequestPayload,
  BedsideResponseMap,
  BedsideServerToClientEvents,
  ProtocolError,
} from '@teleconsult/protocol';
import type { Socket } from 'socket.io-client';

export type BedsideSocket = Socket<BedsideServerToClientEvents, BedsideClientToServerEvents>;

/** The api refused a request (its ack's error), it timed out, or the bed was offline. */
export class BedsideRequestError extends Error {
  override name = 'BedsideRequestError';
  constructor(
    readonly request: BedsideRequestName,
    readonly error: ProtocolError | { code: 'TIMEOUT' | 'OFFLINE'; message: string; field?: string },
  ) {
    super(`${request}: ${error.code}${error.field ? ` (${error.field})` : ''}: ${error.message}`);
  }
}

export type BedsideRequester = <K extends BedsideRequestName>(
  name: K,
  payload: BedsideRequestPayload<K>,
) => Promise<BedsideResponseMap[K]>;

/**
 * An acknowledged request on the bedside socket: resolves with the ack's data or rejects with
 * BedsideRequestError. Offline requests fail at once rather than sit in socket.io's send buffer and
 * go out, stale, after a reconnect.
 */
export function bedsideRequester(socket: BedsideSocket, timeoutMs: number): BedsideRequester {
  // socket.io's typed emitWithAck cannot see through the optional ack of the event map: go untyped once here.
  const untyped = socket as unknown as {
    connected: boolean;
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>> };
  };
  return async (name, payload) => {
    if (!untyped.connected)
      throw new BedsideRequestError(name, {
        code: 'OFFLINE',
        message: 'the bedside socket is not connected',
      });
    let ack: Ack<unknown>;
    try {
      ack = await untyped.timeout(timeoutMs).emitWithAck(name, payload);
    } catch {
      throw new BedsideRequestError(name, { code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms` });
    }
    if (!ack.ok) throw new BedsideRequestError(name, ack.error);
    return ack.data as BedsideResponseMap[typeof name];
  };
}
