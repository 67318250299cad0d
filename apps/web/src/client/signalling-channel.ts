import type {
  Ack,
  ClientToServerEvents,
  Notification,
  ProtocolError,
  RequestName,
  RequestPayload,
  ResponseMap,
  ServerToClientEvents,
  SocketAuth,
} from '@teleconsult/protocol';
import { io, type Socket } from 'socket.io-client';

export class SignallingError extends Error {
  constructor(readonly error: ProtocolError) {
    super(error.message);
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

export type ConsultSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function openConsultSocket(auth: SocketAuth, origin = ''): ConsultSocket {
  return io(`${origin}/consult`, {
    auth,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 4_000,
  });
}

/** Emits a request and awaits its acknowledgement: an error ack, or none in time, rejects with a protocol error. */
export async function ackedRequest<T>(
  socket: { timeout(ms: number): unknown },
  name: string,
  payload: unknown,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<T> {
  const timed = socket.timeout(timeoutMs) as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<T>>;
  };
  let ack: Ack<T>;
  try {
    ack = await timed.emitWithAck(name, payload);
  } catch {
    throw new SignallingError({ code: 'INTERNAL', message: `no answer to ${name}` });
  }
  if (!ack.ok) throw new SignallingError(ack.error);
  return ack.data;
}

/** A typed request over the consult socket. */
export const request = <K extends RequestName>(
  socket: ConsultSocket,
  name: K,
  payload: RequestPayload<K>,
): Promise<ResponseMap[K]> => ackedRequest<ResponseMap[K]>(socket, name, payload);

export type NotificationHandler = (notification: Notification) => void;
