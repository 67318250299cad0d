import type { Logger } from '@nestjs/common';
import { type Ack, fail, ok, validationError } from '@teleconsult/protocol';
import type { ZodType } from 'zod';
import { oversizeError, toProtocolError } from './socket-messages';

type Schemas = Record<string, ZodType>;
export type SocketHandlers<S extends Schemas, Sock, R extends { [K in keyof S]: unknown }> = {
  [K in keyof S]: (payload: import('zod').output<S[K]>, socket: Sock) => Promise<R[K]>;
};

/**
 * One socket message through the rules every namespace follows: a known event, within the size
 * limit, valid against its zod schema, then its handler; any failure becomes a typed error.
 */
export function socketDispatcher<S extends Schemas, Sock, R extends { [K in keyof S]: unknown }>(
  schemas: S,
  handlers: SocketHandlers<S, Sock, R>,
  logger: Logger,
) {
  return async (socket: Sock, event: string, payload: unknown): Promise<Ack<unknown>> => {
    if (!Object.prototype.hasOwnProperty.call(schemas, event))
      return fail('UNKNOWN_EVENT', `unknown event "${event.slice(0, 64)}"`);
    const oversize = oversizeError(event, payload);
    if (oversize) return { ok: false, error: oversize };
    const parsed = schemas[event]!.safeParse(payload);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    try {
      const handle = handlers[event] as (p: unknown, s: Sock) => Promise<unknown>;
      return ok(await handle(parsed.data, socket));
    } catch (error) {
      return { ok: false, error: toProtocolError(error, logger) };
    }
  };
}

interface AnySocket {
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  emit(
    event: 'notification',
    notification: { type: 'error'; error: import('@teleconsult/protocol').ProtocolError },
  ): unknown;
}

/**
 * Routes every event of a socket through `dispatch`: the answer goes to the acknowledgement when
 * there is one; a failure without one (or an unknown event) is pushed as an error notification.
 */
export function listenForRequests<Sock extends AnySocket>(
  socket: Sock,
  dispatch: (socket: Sock, event: string, payload: unknown) => Promise<Ack<unknown>>,
): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack =
      typeof args.at(-1) === 'function' ? (args.pop() as (response: Ack<unknown>) => void) : undefined;
    void dispatch(socket, event, args[0]).then((response) => {
      if (ack) ack(response);
      if (!response.ok && (!ack || response.error.code === 'UNKNOWN_EVENT'))
        socket.emit('notification', { type: 'error', error: response.error });
    });
  });
}
