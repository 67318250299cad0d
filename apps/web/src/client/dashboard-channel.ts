import type {
  ChatMessage,
  DashboardClientToServerEvents,
  DashboardNotification,
  DashboardRequestName,
  DashboardRequestPayload,
  DashboardResponseMap,
  DashboardServerToClientEvents,
  WaitingPatient,
} from '@teleconsult/protocol';
import { io, type Socket } from 'socket.io-client';
import { SignallingError, ackedRequest } from './signalling-channel';

export type DashboardSocket = Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;

export interface DashboardSnapshot {
  connected: boolean;
  waiting: WaitingPatient[];
  /** Private threads with patients, by participant id. */
  threads: Record<string, ChatMessage[]>;
  /** Goes up each time the consults this clinician is invited to change: re-read them then. */
  invitationsVersion: number;
}

/**
 * The clinician's live waiting room across all their consults, without React. The access token
 * is read at every (re)connect, so a refreshed token is used after the server closes an expired one.
 */
export class DashboardChannel {
  private readonly listeners = new Set<() => void>();
  private socket: DashboardSocket | null = null;
  private snapshot: DashboardSnapshot = { connected: false, waiting: [], threads: {}, invitationsVersion: 0 };

  constructor(
    private readonly accessToken: () => string | null,
    private readonly open: (auth: (cb: (data: object) => void) => void) => DashboardSocket = (auth) =>
      io('/dashboard', { auth, transports: ['websocket'], reconnectionDelayMax: 5_000 }),
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  start(): void {
    if (this.socket) return;
    const socket = this.open((cb) => cb({ accessToken: this.accessToken() ?? '' }));
    this.socket = socket;
    socket.on('connect', () => this.update({ connected: true }));
    socket.on('disconnect', (reason) => {
      this.update({ connected: false });
      // The server closes a socket whose token expired; come back with the current one.
      if (reason === 'io server disconnect' && this.accessToken()) socket.connect();
    });
    socket.on('notification', (n) => this.onNotification(n));
  }

  stop(): void {
    this.socket?.off();
    this.socket?.disconnect();
    this.socket = null;
  }

  async request<K extends DashboardRequestName>(
    name: K,
    payload: DashboardRequestPayload<K>,
  ): Promise<DashboardResponseMap[K]> {
    if (!this.socket) throw new SignallingError({ code: 'NOT_JOINED', message: 'not connected' });
    return ackedRequest<DashboardResponseMap[K]>(this.socket, name, payload, 10_000);
  }

  async loadThread(consultId: string, participantId: string): Promise<void> {
    const { messages } = await this.request('chat:history', { consultId, participantId });
    this.addMessages(participantId, messages);
  }

  async send(consultId: string, participantId: string, text: string): Promise<void> {
    const { message } = await this.request('chat:send', { consultId, participantId, text });
    this.addMessages(participantId, [message]);
  }

  private onNotification(notification: DashboardNotification): void {
    if (notification.type === 'lobby:changed') this.update({ waiting: notification.waiting });
    else if (notification.type === 'invitations:changed')
      this.update({ invitationsVersion: this.snapshot.invitationsVersion + 1 });
    else if (notification.type === 'chat:message' && notification.message.privateTo)
      this.addMessages(notification.message.privateTo, [notification.message]);
  }

  private addMessages(participantId: string, messages: ChatMessage[]): void {
    const byId = new Map((this.snapshot.threads[participantId] ?? []).map((m) => [m.id, m]));
    for (const m of messages) byId.set(m.id, m);
    const thread = [...byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    this.update({ threads: { ...this.snapshot.threads, [participantId]: thread } });
  }

  private update(change: Partial<DashboardSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.listeners.forEach((l) => l());
  }
}
