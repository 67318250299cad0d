import { describe, expect, it } from 'vitest';
import type { ChatMessage, WaitingPatient } from '@teleconsult/protocol';
import { DashboardChannel, type DashboardSocket } from './dashboard-channel';

type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io socket: events in, acks out. */
function fakeSocket() {
  const listeners = new Map<string, Listener[]>();
  const sent: Array<{ name: string; payload: unknown }> = [];
  let answer: (name: string, payload: unknown) => unknown = () => ({ ok: true, data: {} });
  const socket = {
    on: (event: string, l: Listener) => listeners.set(event, [...(listeners.get(event) ?? []), l]),
    off: () => listeners.clear(),
    disconnect: () => undefined,
    connect: () => undefined,
    timeout: () => ({
      emitWithAck: async (name: string, payload: unknown) => {
        sent.push({ name, payload });
        return answer(name, payload);
      },
    }),
  };
  return {
    socket: socket as unknown as DashboardSocket,
    sent,
    fire: (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args)),
    answer: (fn: typeof answer) => (answer = fn),
  };
}

const patient: WaitingPatient = {
  participantId: '00000000-0000-4000-8000-00000000000a',
  consultId: '00000000-0000-4000-8000-000000000001',
  consultTitle: 'Knee',
  displayName: 'Grace',
  waitingSince: '2026-03-01T09:00:00.000Z',
  deviceCheck: null,
};
const msg = (id: string, sentAt: string): ChatMessage => ({
  id,
  consultId: patient.consultId,
  privateTo: patient.participantId,
  senderRole: 'patient',
  senderName: 'Grace',
  text: id,
  sentAt,
});

describe('DashboardChannel', () => {
  it('authenticates with the current token, follows the live waiting list and merges private threads', async () => {
    const fake = fakeSocket();
    let authSeen: object | null = null;
    const channel = new DashboardChannel(
      () => 'token-1',
      (auth) => {
        auth((data) => (authSeen = data));
        return fake.socket;
      },
    );
    channel.start();
    expect(authSeen).toEqual({ accessToken: 'token-1' });
    fake.fire('connect');
    fake.fire('notification', { type: 'lobby:changed', waiting: [patient] });
    expect(channel.getSnapshot()).toMatchObject({ connected: true, waiting: [patient] });

    fake.answer((name) =>
      name === 'chat:history'
        ? { ok: true, data: { messages: [msg('a', '2026-03-01T09:01:00Z')] } }
        : { ok: true, data: { message: msg('c', '2026-03-01T09:03:00Z') } },
    );
    await channel.loadThread(patient.consultId, patient.participantId);
    fake.fire('notification', { type: 'chat:message', message: msg('b', '2026-03-01T09:02:00Z') });
    await channel.send(patient.consultId, patient.participantId, 'c');
    fake.fire('notification', { type: 'chat:message', message: msg('c', '2026-03-01T09:03:00Z') });
    expect(channel.getSnapshot().threads[patient.participantId]!.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('rejects with the server’s protocol error', async () => {
    const fake = fakeSocket();
    fake.answer(() => ({ ok: false, error: { code: 'CONFLICT', message: 'no longer waiting' } }));
    const channel = new DashboardChannel(
      () => 't',
      () => fake.socket,
    );
    channel.start();
    await expect(
      channel.request('lobby:admit', { consultId: patient.consultId, participantId: patient.participantId }),
    ).rejects.toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('counts invitation changes so the dashboard re-reads the consults it is invited to', () => {
    const fake = fakeSocket();
    const channel = new DashboardChannel(
      () => 'token-1',
      () => fake.socket,
    );
    channel.start();
    expect(channel.getSnapshot().invitationsVersion).toBe(0);
    fake.fire('notification', { type: 'invitations:changed' });
    fake.fire('notification', { type: 'invitations:changed' });
    expect(channel.getSnapshot().invitationsVersion).toBe(2);
  });
});
