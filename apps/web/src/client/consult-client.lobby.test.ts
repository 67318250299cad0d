import type { ChatMessage } from '@teleconsult/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsultClient } from './consult-client';
import { FakeConsultSocket, fakeDevices } from './fake-consult-socket';

const message = (id: string, sentAt: string, privateTo: string | null = 'me'): ChatMessage => ({
  id,
  consultId: '00000000-0000-4000-8000-000000000001',
  privateTo,
  senderRole: 'clinician',
  senderName: 'Dr Ada',
  text: `message ${id}`,
  sentAt,
});

let client: ConsultClient | null = null;
afterEach(() => client?.close('test over'));

/** A patient whose first join lands in the waiting room. */
function waitingPatient() {
  const socket = new FakeConsultSocket();
  let admitted = false;
  socket.answer('room:join', (payload) =>
    admitted
      ? socket.reply('room:join', payload)
      : {
          ok: true,
          data: {
            status: 'waiting',
            participantId: 'me',
            waitingSince: '2026-03-01T09:00:00.000Z',
            chat: [message('m1', '2026-03-01T09:00:05.000Z')],
          },
        },
  );
  client = new ConsultClient({
    auth: { kind: 'patient', joinToken: 'x'.repeat(43) },
    displayName: 'Pat',
    localStream: null,
    deviceCheck: {
      camera: 'ok',
      microphone: 'ok',
      speaker: 'heard',
      network: { rttMs: 40, uplinkKbps: 2000 },
    },
    openSocket: () => socket.asSocket(),
    createDevice: fakeDevices().create,
  });
  client.start();
  return { socket, client, admit: () => (admitted = true) };
}

describe('ConsultClient in the waiting room', () => {
  it('waits with its chat history and device check, makes no transports, and enters once admitted', async () => {
    const { socket, client, admit } = waitingPatient();
    socket.serverConnect();
    await vi.waitFor(() => expect(client.getSnapshot().admission).toBe('waiting'));
    expect(socket.requested('room:join')[0]).toMatchObject({ deviceCheck: { speaker: 'heard' } });
    expect(client.getSnapshot()).toMatchObject({
      waitingSince: '2026-03-01T09:00:00.000Z',
      chat: [{ id: 'm1' }],
      state: 'connecting',
    });
    expect(socket.requested('transport:create')).toHaveLength(0);

    admit();
    socket.notify({ type: 'lobby:admitted' });
    await vi.waitFor(() => expect(client.getSnapshot().admission).toBe('admitted'));
    // The second join needs no room:leave: a waiting socket holds no peer.
    expect(socket.requested('room:leave')).toHaveLength(0);
    expect(socket.requested('room:join')).toHaveLength(2);
    await vi.waitFor(() => expect(socket.requested('transport:create')).toHaveLength(2));
  });

  it('merges chat from acks and broadcasts by id, in time order', async () => {
    const { socket, client } = waitingPatient();
    socket.answer('chat:send', () => ({
      ok: true,
      data: { message: message('m3', '2026-03-01T09:02:00.000Z') },
    }));
    socket.serverConnect();
    await vi.waitFor(() => expect(client.getSnapshot().admission).toBe('waiting'));
    socket.notify({ type: 'chat:message', message: message('m2', '2026-03-01T09:01:00.000Z') });
    await client.sendChat('hello');
    socket.notify({ type: 'chat:message', message: message('m3', '2026-03-01T09:02:00.000Z') });
    expect(client.getSnapshot().chat.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(socket.requested('chat:send')).toEqual([{ text: 'hello' }]);
  });

  it('turned away: fails for good with ADMISSION_DENIED and the clinician’s message, even after the server disconnects', async () => {
    const { socket, client } = waitingPatient();
    socket.serverConnect();
    await vi.waitFor(() => expect(client.getSnapshot().admission).toBe('waiting'));
    socket.notify({ type: 'error', error: { code: 'ADMISSION_DENIED', message: 'Please call the clinic.' } });
    socket.serverDrop('io server disconnect');
    expect(client.getSnapshot()).toMatchObject({
      state: 'failed',
      error: { code: 'ADMISSION_DENIED', message: 'Please call the clinic.' },
    });
  });

  it('a replaced link: fails for good with LINK_REVOKED instead of reconnecting', async () => {
    const { socket, client } = waitingPatient();
    socket.serverConnect();
    await vi.waitFor(() => expect(client.getSnapshot().admission).toBe('waiting'));
    socket.notify({ type: 'error', error: { code: 'LINK_REVOKED', message: 'this link was replaced' } });
    socket.serverDrop('io server disconnect');
    expect(client.getSnapshot()).toMatchObject({ state: 'failed', error: { code: 'LINK_REVOKED' } });
  });

  it('shows clinicians the live waiting list and sends admit / deny', async () => {
    const socket = new FakeConsultSocket();
    client = new ConsultClient({
      auth: { kind: 'clinician', accessToken: 't', consultId: '00000000-0000-4000-8000-000000000001' },
      displayName: 'Dr Ada',
      localStream: null,
      openSocket: () => socket.asSocket(),
      createDevice: fakeDevices().create,
    });
    client.start();
    socket.serverConnect();
    const waiting = {
      participantId: '00000000-0000-4000-8000-00000000000a',
      consultId: '00000000-0000-4000-8000-000000000001',
      consultTitle: 'Knee',
      displayName: 'Grace',
      waitingSince: '2026-03-01T09:00:00.000Z',
      deviceCheck: null,
    };
    socket.notify({ type: 'lobby:changed', waiting: [waiting] });
    expect(client.getSnapshot().waitingPatients).toEqual([waiting]);
    await client.admit(waiting.participantId);
    await client.deny(waiting.participantId, 'Sorry');
    expect(socket.requested('lobby:admit')).toEqual([{ participantId: waiting.participantId }]);
    expect(socket.requested('lobby:deny')).toEqual([
      { participantId: waiting.participantId, message: 'Sorry' },
    ]);
  });
});
