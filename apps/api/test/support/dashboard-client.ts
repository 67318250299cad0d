import type {
  Ack,
  DashboardClientToServerEvents,
  DashboardNotification,
  DashboardServerToClientEvents,
  JoinResult,
  WaitingResult,
} from '@teleconsult/protocol';
import { io, type Socket } from 'socket.io-client';
import type { SignalClient } from './signal-client';

export interface DashboardClient {
  socket: Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;
  notifications: DashboardNotification[];
  request(event: string, payload: unknown): Promise<Ack<Record<string, unknown>>>;
  /** The first notification of this type matching `where`, waiting for it if need be. */
  next<T extends DashboardNotification['type']>(
    type: T,
    where?: (n: Extract<DashboardNotification, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<DashboardNotification, { type: T }>>;
  close(): void;
}

/** A real socket.io client on the clinician's dashboard namespace. */
export async function connectDashboard(url: string, auth: unknown): Promise<DashboardClient> {
  const socket: DashboardClient['socket'] = io(`${url}/dashboard`, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
  });
  const notifications: DashboardNotification[] = [];
  socket.on('notification', (n) => notifications.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const untyped = socket as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<Record<string, unknown>>>;
  };
  return {
    socket,
    notifications,
    request: (event, payload) => untyped.emitWithAck(event, payload),
    next: async (type, where = () => true, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const hit = notifications.find((n) => n.type === type && where(n as never));
        if (hit) return hit as never;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no matching ${type} notification; got ${JSON.stringify(notifications)}`);
    },
    close: () => socket.close(),
  };
}

/** A patient's join: into the waiting room, admitted from the dashboard, then into the room. */
export async function joinAdmitted(
  url: string,
  accessToken: string,
  consultId: string,
  patient: SignalClient,
  displayName = 'Pat Example',
): Promise<JoinResult> {
  const first = await patient.request('room:join', { displayName });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  const waiting = first.data as unknown as WaitingResult | JoinResult;
  if (waiting.status === 'joined') return waiting;
  const dashboard = await connectDashboard(url, { accessToken });
  try {
    const admitted = await dashboard.request('lobby:admit', {
      consultId,
      participantId: waiting.participantId,
    });
    if (!admitted.ok) throw new Error(JSON.stringify(admitted.error));
  } finally {
    dashboard.close();
  }
  await patient.next('lobby:admitted');
  const second = await patient.request('room:join', { displayName });
  if (!second.ok) throw new Error(JSON.stringify(second.error));
  return second.data as unknown as JoinResult;
}
