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

/** A typed request over the socket; an error acknowledgement rejects with its protocol error. */
export async function request<K extends RequestName>(
  socket: ConsultSocket,
  name: K,
  payload: RequestPayload<K>,
): Promise<ResponseMap[K]> {
  const timed = socket.timeout(REQUEST_TIMEOUT_MS) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<ResponseMap[K]>>;
  };
  let ack: Ack<ResponseMap[K]>;
  try {
    ack = await timed.emitWithAck(name, payload);
  } catch {
    throw new SignallingError({ code: 'INTERNAL', message: `no answer to ${name}` });
  }
  if (!ack.ok) throw new SignallingError(ack.error);
  return ack.data;
}

export type NotificationHandler = (notification: Notification) => void;
