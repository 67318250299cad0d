import type { JoinResult, RtpCapabilities, TransportOptions } from '@teleconsult/protocol';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';
import { call, createConsult, loginDemo } from './support/rest-client';
import { joinAdmitted } from './support/dashboard-client';
import { connectSignal, dataOf, type SignalClient } from './support/signal-client';

const opus = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: 'e2e', reducedSize: true },
});

describe.each<Driver>(['sqlite', 'postgres'])('signalling on %s', (driver) => {
  let stack: TestStack;
  let token: string;
  const open: SignalClient[] = [];

  const clinicianOf = async (consultId: string) => {
    const client = await connectSignal(stack.url, { kind: 'clinician', accessToken: token, consultId });
    open.push(client);
    return client;
  };
  const patientOf = async (joinToken: string) => {
    const client = await connectSignal(stack.url, { kind: 'patient', joinToken });
    open.push(client);
    return client;
  };
  const join = async (client: SignalClient, displayName = 'Someone') => {
    const ack = await client.request('room:join', { displayName });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return ack.data as unknown as JoinResult;
  };
  /** Patients wait until admitted; these tests are about the room, so admission is a step. */
  const joinPatient = (client: SignalClient, consultId: string, displayName = 'Someone') =>
    joinAdmitted(stack.url, token, consultId, client, displayName);
  const sendTransport = async (client: SignalClient) => {
    const ack = await client.request('transport:create', { direction: 'send' });
    return dataOf<TransportOptions>(ack).transportId;
  };

  beforeAll(async () => {
    stack = await startTestStack(driver);
    token = await loginDemo(stack.url);
  });
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  afterAll(() => stack.close());

  it('refuses handshakes with a forged link, a tampered token, or no auth, each with its code', async () => {
    await expect(
      connectSignal(stack.url, { kind: 'patient', joinToken: 'x'.repeat(43) }),
    ).rejects.toMatchObject({ data: { code: 'LINK_INVALID' } });
    const { consult } = await createConsult(stack.url, token);
    await expect(
      connectSignal(stack.url, { kind: 'clinician', accessToken: `${token}x`, consultId: consult.id }),
    ).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
    await expect(connectSignal(stack.url, {})).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });

  it('lets a clinician and a patient join, see each other, and exchange producers', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const clinician = await clinicianOf(consult.id);
    const joinedClinician = await join(clinician, 'ignored for clinicians');
    expect(joinedClinician.self).toMatchObject({ displayName: 'Dr Ada Lovelace', role: 'clinician' });
    expect(joinedClinician.routerRtpCapabilities.codecs?.length).toBeGreaterThan(0);

    const patient = await patientOf(joinToken);
    const joinedPatient = await joinPatient(patient, consult.id, 'Pat Example');
    expect(joinedPatient.peers).toEqual([expect.objectContaining({ displayName: 'Dr Ada Lovelace' })]);
    expect(await clinician.next('peer:joined')).toMatchObject({
      peer: { displayName: 'Pat Example', role: 'patient' },
    });

    const transportId = await sendTransport(patient);
    const produced = await patient.request('producer:create', {
      transportId,
      kind: 'audio',
      rtpParameters: opus(1111),
      source: 'microphone',
    });
    expect(produced.ok).toBe(true);
    const added = await clinician.next('producer:added');
    expect(added).toMatchObject({
      producer: { kind: 'audio', source: 'microphone', peerId: joinedPatient.self.peerId },
    });

    const recv = await clinician.request('transport:create', { direction: 'recv' });
    const consumed = await clinician.request('consumer:create', {
      transportId: dataOf<TransportOptions>(recv).transportId,
      producerId: dataOf<{ producerId: string }>(produced).producerId,
      rtpCapabilities: joinedClinician.routerRtpCapabilities,
    });
    expect(consumed).toMatchObject({
      ok: true,
      data: { kind: 'audio', peerId: joinedPatient.self.peerId, source: 'microphone' },
    });

    patient.close();
    expect(await clinician.next('peer:left')).toMatchObject({ peerId: joinedPatient.self.peerId });
    expect(await clinician.next('consumer:closed')).toBeTruthy();
    expect((await call(stack.url, 'GET', `/api/consults/${consult.id}`, { token })).body.status).toBe(
      'active',
    );
  });

  it('answers an unknown event, a schema failure, a missing join and a double join with typed errors', async () => {
    const { consult } = await createConsult(stack.url, token);
    const client = await clinicianOf(consult.id);
    expect(await client.request('room:teleport', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
    expect(await client.next('error')).toMatchObject({ error: { code: 'UNKNOWN_EVENT' } });
    // Without an acknowledgement any error arrives as a notification.
    client.notifications.splice(0);
    (client.socket as unknown as { emit(event: string, payload: unknown): void }).emit('transport:create', {
      direction: 'send',
    });
    expect(await client.next('error')).toMatchObject({ error: { code: 'NOT_JOINED' } });
    client.notifications.splice(0);
    expect(await client.request('transport:create', { direction: 'send' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_JOINED' },
    });
    expect(await client.request('room:join', { displayName: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'displayName' },
    });
    // Two joins in flight at once (a double click): exactly one peer results.
    const racing = await Promise.all([
      client.request('room:join', { displayName: 'one' }),
      client.request('room:join', { displayName: 'two' }),
    ]);
    expect(racing.map((ack) => ack.ok).sort()).toEqual([false, true]);
    expect(racing.find((ack) => !ack.ok)).toMatchObject({ error: { code: 'ALREADY_JOINED' } });
    expect(await client.request('room:join', { displayName: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_JOINED' },
    });
    expect(await client.request('transport:create', { direction: 'diagonal' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'direction' },
    });
  });

  it('rejects malformed and unusable rtpParameters without creating a producer', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const clinician = await clinicianOf(consult.id);
    await join(clinician);
    const patient = await patientOf(joinToken);
    await joinPatient(patient, consult.id);
    const transportId = await sendTransport(patient);

    const structurallyBad = {
      ...opus(1),
      codecs: [{ mimeType: 'audio/opus', payloadType: 300, clockRate: 48000 }],
    };
    expect(
      await patient.request('producer:create', {
        transportId,
        kind: 'audio',
        rtpParameters: structurallyBad,
        source: 'microphone',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'rtpParameters.codecs.0.payloadType' },
    });
    const unsupported = {
      ...opus(2),
      codecs: [{ mimeType: 'audio/G729', payloadType: 18, clockRate: 8000 }],
    };
    expect(
      await patient.request('producer:create', {
        transportId,
        kind: 'audio',
        rtpParameters: unsupported,
        source: 'microphone',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_MEDIA_PARAMETERS' },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(clinician.notifications.filter((n) => n.type === 'producer:added')).toHaveLength(0);
  });

  it('will not let a peer use handles of another consult, and keeps other rooms unaffected by oversized messages', async () => {
    const first = await createConsult(stack.url, token, 'First');
    const second = await createConsult(stack.url, token, 'Second');
    const alice = await patientOf(first.joinToken);
    await joinPatient(alice, first.consult.id, 'Alice');
    const aliceTransport = await sendTransport(alice);
    const produced = await alice.request('producer:create', {
      transportId: aliceTransport,
      kind: 'audio',
      rtpParameters: opus(3333),
      source: 'microphone',
    });
    const producerId = dataOf<{ producerId: string }>(produced).producerId;

    const bob = await patientOf(second.joinToken);
    const bobJoined = await joinPatient(bob, second.consult.id, 'Bob');
    const bobRecv = dataOf<TransportOptions>(
      await bob.request('transport:create', { direction: 'recv' }),
    ).transportId;
    expect(
      await bob.request('consumer:create', {
        transportId: bobRecv,
        producerId,
        rtpCapabilities: bobJoined.routerRtpCapabilities as RtpCapabilities,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'producerId' } });
    expect(await bob.request('producer:pause', { producerId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await bob.request('transport:connect', {
        transportId: aliceTransport,
        dtlsParameters: { role: 'client', fingerprints: [] },
      }),
    ).toMatchObject({
      ok: false,
    });

    const huge = await bob.request('room:join', { displayName: 'x'.repeat(70_000) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await alice.request('producer:pause', { producerId })).toEqual({ ok: true, data: {} });
    expect(bob.socket.connected).toBe(true);
  });

  it('a patient token opens only its own consult', async () => {
    const mine = await createConsult(stack.url, token, 'Mine');
    const other = await createConsult(stack.url, token, 'Other');
    const clinician = await clinicianOf(other.consult.id);
    await join(clinician);
    const patient = await patientOf(mine.joinToken);
    const joined = await joinPatient(patient, mine.consult.id, 'Curious');
    expect(joined.peers).toEqual([]);
    expect(clinician.notifications.filter((n) => n.type === 'peer:joined')).toHaveLength(0);
  });

  it('closes the room for everyone when the clinician ends the consult', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const patient = await patientOf(joinToken);
    await joinPatient(patient, consult.id, 'Pat');
    const disconnected = new Promise((resolve) => patient.socket.once('disconnect', resolve));
    await call(stack.url, 'POST', `/api/consults/${consult.id}/end`, { token });
    expect(await patient.next('room:closed')).toBeTruthy();
    await disconnected;
    await expect(connectSignal(stack.url, { kind: 'patient', joinToken })).rejects.toMatchObject({
      data: { code: 'CONSULT_ENDED' },
    });
  });

  it('disconnects a patient whose link is replaced by a new one, and refuses the old link after', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const patient = await patientOf(joinToken);
    await joinPatient(patient, consult.id, 'Pat');
    const disconnected = new Promise((resolve) => patient.socket.once('disconnect', resolve));
    await call(stack.url, 'POST', `/api/consults/${consult.id}/patient-link`, { token });
    expect(await patient.next('error')).toMatchObject({ error: { code: 'LINK_REVOKED' } });
    await disconnected;
    await expect(connectSignal(stack.url, { kind: 'patient', joinToken })).rejects.toMatchObject({
      data: { code: 'LINK_REVOKED' },
    });
  });

  it('tells the room to rejoin when its media worker dies, and the rejoin works', async () => {
    const { consult } = await createConsult(stack.url, token);
    const clinician = await clinicianOf(consult.id);
    await join(clinician);
    const status = (await call<{ sfu: string }>(stack.url, 'GET', '/api/health')).body;
    expect(status.sfu).toBe('up');
    const [worker] = stack.sfu.pool.all();
    process.kill(worker!.worker.pid, 'SIGKILL');
    expect(await clinician.next('room:mediaReset', 10_000)).toMatchObject({
      reason: expect.stringContaining('died'),
    });
    let rejoined;
    for (let attempt = 0; attempt < 30 && !rejoined?.ok; attempt += 1) {
      await new Promise((r) => setTimeout(r, 200));
      rejoined = await clinician.request('room:join', { displayName: 'back' });
    }
    expect(rejoined).toMatchObject({ ok: true });
  });
});
