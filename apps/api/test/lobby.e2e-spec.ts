import type { DeviceCheck, JoinResult, Notification, WaitingResult } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { type DashboardClient, connectDashboard } from './support/dashboard-client';
import { createConsult, loginDemo, call } from './support/rest-client';
import { connectSignal, dataOf, type SignalClient } from './support/signal-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const opus = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: 'e2e', reducedSize: true },
});

const deviceCheck: DeviceCheck = {
  camera: 'ok',
  microphone: 'ok',
  speaker: 'heard',
  network: { rttMs: 42, uplinkKbps: 2400 },
};

/** What a waiting patient must never hear about: other people and their media. */
const ROOM_ONLY: Notification['type'][] = [
  'peer:joined',
  'peer:left',
  'producer:added',
  'producer:paused',
  'producer:resumed',
  'producer:closed',
  'lobby:changed',
];

async function until<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each<Driver>(['sqlite', 'postgres'])('waiting room on %s', (driver) => {
  let stack: TestStack;
  let token: string;
  const open: Array<SignalClient | DashboardClient> = [];

  const track = <T extends SignalClient | DashboardClient>(client: T): T => {
    open.push(client);
    return client;
  };
  const clinicianOf = async (consultId: string) =>
    track(await connectSignal(stack.url, { kind: 'clinician', accessToken: token, consultId }));
  const patientOf = async (joinToken: string) =>
    track(await connectSignal(stack.url, { kind: 'patient', joinToken }));
  const dashboard = async () => track(await connectDashboard(stack.url, { accessToken: token }));
  const joinAck = async (client: SignalClient, payload: Record<string, unknown>) =>
    dataOf<WaitingResult | JoinResult>(await client.request('room:join', payload));
  const auditActions = async (consultId: string) =>
    (
      await stack.app
        .get(DataSource)
        .getRepository(AuditEvent)
        .find({ where: { consultId }, order: { at: 'ASC' } })
    ).map((e) => e.action);

  beforeAll(async () => {
    stack = await startTestStack(driver);
    token = await loginDemo(stack.url);
  });
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  afterAll(() => stack.close());

  it('keeps a waiting patient away from media and identities, and refuses their media requests with NOT_ADMITTED', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const clinician = await clinicianOf(consult.id);
    const joinedClinician = await joinAck(clinician, { displayName: 'ignored' });
    expect(joinedClinician).toMatchObject({ status: 'joined', peers: [] });
    const transport = dataOf<{ transportId: string }>(
      await clinician.request('transport:create', { direction: 'send' }),
    );
    const produced = dataOf<{ producerId: string }>(
      await clinician.request('producer:create', {
        transportId: transport.transportId,
        kind: 'audio',
        rtpParameters: opus(4242),
        source: 'microphone',
      }),
    );

    const patient = await patientOf(joinToken);
    const waiting = await joinAck(patient, { displayName: 'Pat Waiting', deviceCheck });
    expect(waiting).toEqual({
      status: 'waiting',
      participantId: expect.any(String),
      waitingSince: expect.any(String),
      chat: [],
    });
    expect(JSON.stringify(waiting)).not.toContain('Ada');

    // The clinician in the room sees who waits, with the device check.
    const changed = await until(() =>
      clinician.notifications.find((n) => n.type === 'lobby:changed' && n.waiting.length > 0),
    );
    expect(changed).toMatchObject({
      waiting: [{ participantId: waiting.participantId, displayName: 'Pat Waiting', deviceCheck }],
    });

    for (const [event, payload] of [
      ['transport:create', { direction: 'recv' }],
      [
        'producer:create',
        { transportId: transport.transportId, kind: 'audio', rtpParameters: opus(1), source: 'microphone' },
      ],
      [
        'consumer:create',
        {
          transportId: transport.transportId,
          producerId: produced.producerId,
          rtpCapabilities: { codecs: [] },
        },
      ],
      ['producer:pause', { producerId: produced.producerId }],
      ['room:leave', {}],
    ] as const) {
      expect(await patient.request(event, payload)).toMatchObject({
        ok: false,
        error: { code: 'NOT_ADMITTED' },
      });
    }
    // A waiting patient may not admit anyone, themselves included.
    expect(await patient.request('lobby:admit', { participantId: waiting.participantId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // More media and people arrive in the room meanwhile: none of it reaches the waiting patient.
    await clinician.request('producer:pause', { producerId: produced.producerId });
    const second = await clinicianOf(consult.id);
    await joinAck(second, { displayName: 'x' });
    await new Promise((r) => setTimeout(r, 300));
    expect(patient.notifications.filter((n) => ROOM_ONLY.includes(n.type))).toEqual([]);
  });

  it('shows waiting patients live on the dashboard across consults, admits one and turns one away', async () => {
    const board = await dashboard();
    expect(await board.next('lobby:changed')).toMatchObject({ type: 'lobby:changed' });
    const knee = await createConsult(stack.url, token, 'Knee review');
    const skin = await createConsult(stack.url, token, 'Skin check');

    const grace = await patientOf(knee.joinToken);
    const graceWaiting = await joinAck(grace, { displayName: 'Grace', deviceCheck });
    const alan = await patientOf(skin.joinToken);
    const alanWaiting = await joinAck(alan, { displayName: 'Alan' });
    const both = await board.next('lobby:changed', (n) => n.waiting.length >= 2);
    expect(both.waiting).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          participantId: graceWaiting.participantId,
          consultId: knee.consult.id,
          consultTitle: 'Knee review',
          displayName: 'Grace',
          deviceCheck,
          waitingSince: expect.any(String),
        }),
        expect.objectContaining({
          participantId: alanWaiting.participantId,
          consultTitle: 'Skin check',
          deviceCheck: null,
        }),
      ]),
    );
    expect(dataOf<{ waiting: unknown[] }>(await board.request('lobby:list', {})).waiting).toHaveLength(2);

    // Admit Grace: she is told, joins again and is in the room.
    board.notifications.splice(0);
    expect(
      await board.request('lobby:admit', {
        consultId: knee.consult.id,
        participantId: graceWaiting.participantId,
      }),
    ).toEqual({ ok: true, data: {} });
    await grace.next('lobby:admitted');
    expect(await joinAck(grace, { displayName: 'Grace' })).toMatchObject({
      status: 'joined',
      participantId: graceWaiting.participantId,
      self: { displayName: 'Grace', role: 'patient' },
    });
    expect(await board.next('lobby:changed')).toMatchObject({
      waiting: [{ participantId: alanWaiting.participantId }],
    });

    // Turn Alan away with a message: he hears why, is disconnected, and his link stays turned away.
    const disconnected = new Promise((resolve) => alan.socket.once('disconnect', resolve));
    expect(
      await board.request('lobby:deny', {
        consultId: skin.consult.id,
        participantId: alanWaiting.participantId,
        message: 'Please book an in-person visit instead.',
      }),
    ).toEqual({ ok: true, data: {} });
    expect(await alan.next('error')).toEqual({
      type: 'error',
      error: { code: 'ADMISSION_DENIED', message: 'Please book an in-person visit instead.' },
    });
    await disconnected;
    const again = await patientOf(skin.joinToken);
    expect(await again.request('room:join', { displayName: 'Alan' })).toMatchObject({
      ok: false,
      error: { code: 'ADMISSION_DENIED' },
    });
    expect(await board.next('lobby:changed', (n) => n.waiting.length === 0)).toBeTruthy();

    // The wrong consult for a participant, or a turned-away patient, cannot be admitted.
    expect(
      await board.request('lobby:admit', {
        consultId: skin.consult.id,
        participantId: graceWaiting.participantId,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'participantId' } });
    expect(
      await board.request('lobby:admit', {
        consultId: skin.consult.id,
        participantId: alanWaiting.participantId,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    expect(await auditActions(knee.consult.id)).toEqual(
      expect.arrayContaining(['lobby.waiting', 'lobby.admitted', 'room.joined']),
    );
    expect(await auditActions(skin.consult.id)).toEqual(
      expect.arrayContaining(['lobby.waiting', 'lobby.denied']),
    );
  });

  it('lets an admitted patient who reconnects (e.g. Wi-Fi to 4G) straight back into the room', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const clinician = await clinicianOf(consult.id);
    await joinAck(clinician, { displayName: 'x' });
    const board = await dashboard();
    const patient = await patientOf(joinToken);
    const waiting = await joinAck(patient, { displayName: 'Pat Mobile' });
    await board.request('lobby:admit', { consultId: consult.id, participantId: waiting.participantId });
    await patient.next('lobby:admitted');
    const first = (await joinAck(patient, { displayName: 'Pat Mobile' })) as JoinResult;

    // The network drops: the server sees the socket go, the client reconnects with the same link.
    patient.close();
    await clinician.next('peer:left');
    clinician.notifications.splice(0);
    board.notifications.splice(0);
    const back = await patientOf(joinToken);
    const rejoined = await joinAck(back, { displayName: 'Pat Mobile' });
    expect(rejoined).toMatchObject({
      status: 'joined',
      participantId: waiting.participantId,
      peers: [expect.objectContaining({ role: 'clinician' })],
    });
    expect((rejoined as JoinResult).self.peerId).not.toBe(first.self.peerId);
    expect(await clinician.next('peer:joined')).toMatchObject({ peer: { displayName: 'Pat Mobile' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(board.notifications.filter((n) => n.type === 'lobby:changed')).toEqual([]);

    // The ICE-failure path: leave and join again on the same socket — still no waiting room.
    expect(await back.request('room:leave', {})).toEqual({ ok: true, data: {} });
    expect(await joinAck(back, { displayName: 'Pat Mobile' })).toMatchObject({ status: 'joined' });

    // A second connection of the same link (the old one not yet timed out) replaces the first.
    const replaced = new Promise((resolve) => back.socket.once('disconnect', resolve));
    const newest = await patientOf(joinToken);
    expect(await joinAck(newest, { displayName: 'Pat Mobile' })).toMatchObject({ status: 'joined' });
    await replaced;
    expect(back.notifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'room:closed' })]),
    );
  });

  it('gives a patient link only its own consult, however the client asks', async () => {
    const a = await createConsult(stack.url, token, 'Consult A');
    const b = await createConsult(stack.url, token, 'Consult B');
    const clinicianB = await clinicianOf(b.consult.id);
    await joinAck(clinicianB, { displayName: 'x' });

    // Naming consult B next to A's token changes nothing: the link decides the consult.
    const patient = track(
      await connectSignal(stack.url, { kind: 'patient', joinToken: a.joinToken, consultId: b.consult.id }),
    );
    const waiting = await joinAck(patient, { displayName: 'Sneaky' });
    // A's token as a clinician's access token for B is refused at the handshake.
    await expect(
      connectSignal(stack.url, { kind: 'clinician', accessToken: a.joinToken, consultId: b.consult.id }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    // Admitting A's participant into B does not work either.
    const board = await dashboard();
    expect(
      await board.request('lobby:admit', { consultId: b.consult.id, participantId: waiting.participantId }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await board.request('lobby:admit', { consultId: a.consult.id, participantId: waiting.participantId });
    await patient.next('lobby:admitted');
    const joined = (await joinAck(patient, { displayName: 'Sneaky' })) as JoinResult;
    expect(joined.peers).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(clinicianB.notifications.filter((n) => n.type === 'peer:joined')).toHaveLength(0);
    expect(clinicianB.notifications.filter((n) => n.type === 'lobby:changed').at(-1)).toMatchObject({
      waiting: [],
    });
  });

  it('authenticates the dashboard socket and validates its messages', async () => {
    await expect(connectDashboard(stack.url, {})).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED', field: 'accessToken' },
    });
    await expect(connectDashboard(stack.url, { accessToken: `${token}x` })).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
    const admin = await call<{ accessToken: string }>(stack.url, 'POST', '/api/auth/login', {
      body: { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' },
    });
    await expect(connectDashboard(stack.url, { accessToken: admin.body.accessToken })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    const board = await dashboard();
    expect(await board.request('lobby:teleport', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
    expect(await board.request('lobby:admit', { consultId: 'nope', participantId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'consultId' },
    });
    expect(
      await board.request('lobby:deny', {
        consultId: '00000000-0000-4000-8000-000000000000',
        participantId: '00000000-0000-4000-8000-000000000000',
        message: 'x'.repeat(301),
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'message' } });
    expect(
      await board.request('lobby:admit', {
        consultId: '00000000-0000-4000-8000-000000000000',
        participantId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      await connectSignal(stack.url, { kind: 'patient', joinToken: 'y'.repeat(43) }).catch((e) => e),
    ).toMatchObject({ data: { code: 'LINK_INVALID' } });
  });

  it('forgets the waiting room of a consult that ends', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const board = await dashboard();
    const patient = await patientOf(joinToken);
    await joinAck(patient, { displayName: 'Late' });
    await board.next('lobby:changed', (n) => n.waiting.some((w) => w.consultId === consult.id));
    await call(stack.url, 'POST', `/api/consults/${consult.id}/end`, { token });
    expect(await patient.next('room:closed')).toBeTruthy();
    await board.next('lobby:changed', (n) => !n.waiting.some((w) => w.consultId === consult.id));
  });
});
