import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { type Ack, fail, ok, validationError, MAX_SOCKET_BUFFER_BYTES } from '@teleconsult/protocol';
import {
  type SfuClientToServerEvents,
  type SfuNotification,
  type SfuRequestName,
  type SfuServerToClientEvents,
  isSfuRequestName,
  sfuRequestSchemas,
} from '@teleconsult/sfu-rpc';
import type { Logger } from '../logger';
import type { Handler, HandlerContext, HandlerTable } from './handler-context';
import { consumerHandlers } from './handlers/consumer.handlers';
import { dataHandlers } from './handlers/data.handlers';
import { producerHandlers } from './handlers/producer.handlers';
import { routerHandlers } from './handlers/router.handlers';
import { transportHandlers } from './handlers/transport.handlers';
import { SfuError, workerClosedError } from './sfu-error';

const handlers: HandlerTable<SfuRequestName> = {
  ...routerHandlers,
  ...transportHandlers,
  ...producerHandlers,
  ...consumerHandlers,
  ...dataHandlers,
};

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type RpcSocket = Socket<SfuClientToServerEvents, SfuServerToClientEvents>;

/**
 * The internal RPC the api calls. Every event is parsed with its schema, then answered by one
 * handler from the table; whatever goes wrong becomes a typed error in the acknowledgement.
 */
export class RpcServer {
  private readonly http: HttpServer;
  private readonly io: Server<SfuClientToServerEvents, SfuServerToClientEvents>;

  constructor(
    private readonly context: HandlerContext,
    private readonly logger: Logger,
  ) {
    this.http = createServer((_req, res) => {
      res.writeHead(404).end();
    });
    this.io = new Server(this.http, {
      maxHttpBufferSize: MAX_SOCKET_BUFFER_BYTES,
      serveClient: false,
      cors: { origin: false },
    });
    this.io.use((socket, next) => {
      if (secretMatches((socket.handshake.auth as { secret?: unknown }).secret, context.config.SFU_SECRET))
        return next();
      logger.warn({ address: socket.handshake.address }, 'rejected SFU RPC connection with a wrong secret');
      next(
        Object.assign(new Error('UNAUTHENTICATED'), {
          data: { code: 'UNAUTHENTICATED', message: 'wrong SFU secret' },
        }),
      );
    });
    this.io.on('connection', (socket) => this.attach(socket));
  }

  notify(notification: SfuNotification): void {
    this.io.emit('notification', notification);
  }

  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    return (this.http.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  private attach(socket: RpcSocket): void {
    this.logger.info({ id: socket.id }, 'api connected to the SFU RPC');
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack =
        typeof args.at(-1) === 'function' ? (args.pop() as (response: Ack<unknown>) => void) : undefined;
      void this.dispatch(event, args[0]).then((response) => {
        if (ack) ack(response);
        // Without an ack there is no one to answer, so the log is the only trace of the failure.
        else if (!response.ok)
          this.logger.warn({ event, error: response.error }, 'SFU request without an ack failed');
      });
    });
    socket.on('disconnect', (reason) => this.logger.info({ id: socket.id, reason }, 'api left the SFU RPC'));
  }

  private async dispatch(event: string, payload: unknown): Promise<Ack<unknown>> {
    if (!isSfuRequestName(event)) return fail('UNKNOWN_EVENT', `unknown SFU request "${event}"`);
    const parsed = sfuRequestSchemas[event].safeParse(payload);
    if (!parsed.success) {
      const error = validationError(parsed.error);
      return { ok: false, error };
    }
    try {
      const handler = handlers[event] as Handler<SfuRequestName>;
      return ok(await handler(parsed.data as never, this.context));
    } catch (error) {
      const known = error instanceof SfuError ? error : workerClosedError(error);
      if (known) return fail(known.code, known.message, known.field);
      this.logger.error(
        { event, err: error instanceof Error ? error.stack : String(error) },
        'SFU request failed',
      );
      return fail('INTERNAL', `the SFU could not complete ${event}`);
    }
  }
}
