import type {
  ChatMessage,
  ConsultNotes,
  ConsultReport,
  JoinResult,
  WaitingResult,
} from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { type DashboardClient, connectDashboard } from './support/dashboard-client';
import { call, createConsult, loginDemo } from './support/rest-client';
import { connectSignal, dataOf, type SignalClient } from './support/signal-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const chatOf = (client: SignalClient) =>
  client.notifications.flatMap((n) => (n.type === 'chat:message' ? [n.message] : []));

async function until<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each<Driver>(['sqlite', 'postgres'])('chat, notes and summary on %s', (driver) => {
  let stack: TestStack;
  let token: string;
  const open: Array<SignalClient | DashboardClient> = [];
  const track = <T extends SignalClient | DashboardClient>(client: T): T => {
    open.push(client);
    return client;
  };
  const join = async (client: SignalClient, displayName: string) =>
    dataOf<WaitingResult | JoinResult>(await client.request('room:join', { displayName }));

  beforeAll(async () => {
    stack = await startTestStack(driver);
    token = await loginDemo(stack.url);
  });
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  afterAll(() => stack.close());

  it('lets the clinician chat privately with a waiting patient, then the whole room chat once admitted', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const board = track(await connectDashboard(stack.url, { accessToken: token }));
    const clinician = track(
      await connectSignal(stack.url, { kind: 'clinician', accessToken: token, consultId: consult.id }),
    );
    await join(clinician, 'x');
    const patient = track(await connectSignal(stack.url, { kind: 'patient', joinToken }));
    const waiting = await join(patient, 'Pat');
    const other = await createConsult(stack.url, token, 'Elsewhere');
    const stranger = track(await connectSignal(stack.url, { kind: 'patient', joinToken: other.joinToken }));
    await join(stranger, 'Stranger');

    // Waiting patient → clinician: private; the dashboard and the clinician in the room both get it.
    const sent = dataOf<{ message: ChatMessage }>(
      await patient.request('chat:send', { text: 'Hello, I am <b>here</b>' }),
    ).message;
    expect(sent).toMatchObject({
      privateTo: waiting.participantId,
      senderRole: 'patient',
      senderName: 'Pat',
      text: 'Hello, I am <b>here</b>',
    });
    expect(await board.next('chat:message')).toMatchObject({ message: { id: sent.id } });
    await until(() => chatOf(clinician).some((m) => m.id === sent.id));
    expect(
      await patient.request('chat:send', { text: 'hi', privateTo: waiting.participantId }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'privateTo' } });

    // Dashboard → waiting patient.
    const reply = dataOf<{ message: ChatMessage }>(
      await board.request('chat:send', {
        consultId: consult.id,
        participantId: waiting.participantId,
        text: 'I will be with you in 2 minutes',
      }),
    ).message;
    await until(() => chatOf(patient).some((m) => m.id === reply.id));
    expect(reply).toMatchObject({ senderRole: 'clinician', senderName: 'Dr Ada Lovelace' });
    const thread = dataOf<{ messages: ChatMessage[] }>(
      await board.request('chat:history', { consultId: consult.id, participantId: waiting.participantId }),
    ).messages;
    expect(thread.map((m) => m.id)).toEqual([sent.id, reply.id]);

    // A room message while the patient waits does not reach them.
    const roomNote = dataOf<{ message: ChatMessage }>(
      await clinician.request('chat:send', { text: 'Room-wide, before admission' }),
    ).message;
    expect(roomNote.privateTo).toBeNull();

    // Admitted: history = room messages + own thread; room chat flows both ways.
    await board.request('lobby:admit', { consultId: consult.id, participantId: waiting.participantId });
    await patient.next('lobby:admitted');
    const joined = (await join(patient, 'Pat')) as JoinResult;
    expect(joined.chat.map((m) => m.id)).toEqual([sent.id, reply.id, roomNote.id]);
    const fromPatient = dataOf<{ message: ChatMessage }>(
      await patient.request('chat:send', { text: 'Thanks, I can see you' }),
    ).message;
    expect(fromPatient.privateTo).toBeNull();
    await until(() => chatOf(clinician).some((m) => m.id === fromPatient.id));
    const fromClinician = dataOf<{ message: ChatMessage }>(
      await clinician.request('chat:send', { text: 'Good. Let us start.' }),
    ).message;
    await until(() => chatOf(patient).some((m) => m.id === fromClinician.id));
    expect(chatOf(patient).some((m) => m.id === roomNote.id)).toBe(false); // only via history
    expect(chatOf(stranger)).toEqual([]);

    // Validation and limits.
    expect(await patient.request('chat:send', { text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'text' },
    });
    expect(await patient.request('chat:send', { text: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'text' },
    });
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => patient.request('chat:send', { text: `spam ${i}` })),
    );
    expect(burst.filter((ack) => !ack.ok).length).toBeGreaterThan(0);
    expect(burst.find((ack) => !ack.ok)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(burst[0]).toMatchObject({ ok: true });
  });

  it('saves private notes as the clinician types, keeps them from patients, and audits reading them', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const path = `/api/consults/${consult.id}/notes`;
    expect(await call<ConsultNotes>(stack.url, 'GET', path, { token })).toMatchObject({
      status: 200,
      body: { consultId: consult.id, text: '', updatedAt: null },
    });
    // Autosave: each PUT replaces the document; the last one wins and survives a new session.
    for (const text of ['Knee', 'Knee swollen', 'Knee swollen, no fever'])
      expect((await call(stack.url, 'PUT', path, { token, body: { text } })).status).toBe(200);
    const again = await loginDemo(stack.url);
    expect((await call<ConsultNotes>(stack.url, 'GET', path, { token: again })).body).toMatchObject({
      text: 'Knee swollen, no fever',
      updatedAt: expect.any(String),
    });

    // Bad input.
    expect(await call(stack.url, 'PUT', path, { token, body: {} })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'text' },
    });
    expect(await call(stack.url, 'PUT', path, { token, body: { text: 42 } })).toMatchObject({
      status: 400,
      body: { field: 'text' },
    });
    expect(await call(stack.url, 'PUT', path, { token, body: { text: 'x'.repeat(20_001) } })).toMatchObject({
      status: 400,
      body: { field: 'text' },
    });
    expect(await call(stack.url, 'GET', '/api/consults/not-a-uuid/notes', { token })).toMatchObject({
      status: 400,
      body: { field: 'id' },
    });

    // Patients have no way in: no bearer, their link as a bearer, or over their socket.
    expect((await call(stack.url, 'GET', path)).status).toBe(401);
    expect((await call(stack.url, 'GET', path, { token: joinToken })).status).toBe(401);
    const patient = track(await connectSignal(stack.url, { kind: 'patient', joinToken }));
    await join(patient, 'Pat');
    expect(await patient.request('notes:get', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
    expect(JSON.stringify(patient.notifications)).not.toContain('no fever');
    // Another clinician's consult id answers 404, as if it did not exist.
    expect(
      (await call(stack.url, 'GET', '/api/consults/00000000-0000-4000-8000-000000000000/notes', { token }))
        .status,
    ).toBe(404);

    const viewed = await stack.app
      .get(DataSource)
      .getRepository(AuditEvent)
      .find({ where: { consultId: consult.id, action: 'notes.viewed' } });
    expect(viewed.length).toBe(2);
    expect(viewed[0]).toMatchObject({ actorType: 'user', ip: expect.any(String) });
  });

  it('keeps a summary of the ended consult: participants and times, notes, chat count', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token, 'Summary check');
    const board = track(await connectDashboard(stack.url, { accessToken: token }));
    const clinician = track(
      await connectSignal(stack.url, { kind: 'clinician', accessToken: token, consultId: consult.id }),
    );
    await join(clinician, 'x');
    const patient = track(await connectSignal(stack.url, { kind: 'patient', joinToken }));
    const waiting = await join(patient, 'Grace Hopper');
    await patient.request('chat:send', { text: 'Hello' });
    await board.request('lobby:admit', { consultId: consult.id, participantId: waiting.participantId });
    await patient.next('lobby:admitted');
    await join(patient, 'Grace Hopper');
    await clinician.request('chat:send', { text: 'Welcome' });
    await call(stack.url, 'PUT', `/api/consults/${consult.id}/notes`, {
      token,
      body: { text: 'Plan: rest' },
    });
    await patient.request('room:leave', {});
    await call(stack.url, 'POST', `/api/consults/${consult.id}/end`, { token });

    const { status, body } = await call<ConsultReport>(
      stack.url,
      'GET',
      `/api/consults/${consult.id}/summary`,
      {
        token,
      },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      consultId: consult.id,
      title: 'Summary check',
      status: 'ended',
      startedAt: expect.any(String),
      endedAt: expect.any(String),
      notes: { text: 'Plan: rest' },
      chatMessageCount: 2,
    });
    const patientRow = body.participants.find((p) => p.role === 'patient');
    expect(patientRow).toMatchObject({
      displayName: 'Grace Hopper',
      status: 'admitted',
      waitingSince: expect.any(String),
      admittedAt: expect.any(String),
      joinedAt: expect.any(String),
      leftAt: expect.any(String),
    });
    expect(body.participants.find((p) => p.role === 'clinician')).toMatchObject({
      joinedAt: expect.any(String),
    });
    expect(Date.parse(patientRow!.leftAt!)).toBeGreaterThanOrEqual(Date.parse(patientRow!.joinedAt!));

    const admin = await call<{ accessToken: string }>(stack.url, 'POST', '/api/auth/login', {
      body: { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' },
    });
    expect(
      (await call(stack.url, 'GET', `/api/consults/${consult.id}/summary`, { token: admin.body.accessToken }))
        .status,
    ).toBe(403);
    expect((await call(stack.url, 'GET', `/api/consults/${consult.id}/summary`)).status).toBe(401);
  });

  it('serves the pre-call network test only to valid links, within size and rate limits', async () => {
    const { joinToken } = await createConsult(stack.url, token);
    const base = `${stack.url}/api/join/${joinToken}/network-test`;
    const ping = await fetch(`${base}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ serverTime: expect.any(String) });
    const upload = (bytes: number) =>
      fetch(`${base}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
    const fine = await upload(300 * 1024);
    expect(fine.status).toBe(200);
    expect(await fine.json()).toEqual({ receivedBytes: 300 * 1024, receiveMs: expect.any(Number) });
    const tooBig = await upload(600 * 1024);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await upload(1024)).status);
    expect(statuses).toContain(429);
    expect((await fetch(`${stack.url}/api/join/${'z'.repeat(43)}/network-test/ping`)).status).toBe(404);
  });
});
