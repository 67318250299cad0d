import { randomUUID } from 'node:crypto';
import type {
  AuditPage,
  ConsultImage,
  ConsultReport,
  JoinResult,
  ViewerSession,
  ViewerState,
} from '@teleconsult/protocol';
import { DEMO_ADMIN, call, createConsult, loginDemo } from './support/rest-client';
import { joinAdmitted } from './support/dashboard-client';
import { connectSignal, dataOf, type SignalClient } from './support/signal-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const view = (imageId: string | null, change: Partial<ViewerState> = {}): ViewerState => ({
  imageId,
  frame: 0,
  windowCenter: 40,
  windowWidth: 400,
  zoom: 1,
  panX: 0,
  panY: 0,
  pointer: null,
  measurements: [],
  ...change,
});

describe.each<Driver>(['sqlite', 'postgres'])('synchronized viewer on %s', (driver) => {
  let stack: TestStack;
  let token: string;
  const open: SignalClient[] = [];
  const connect = async (auth: Record<string, unknown>) => {
    const client = await connectSignal(stack.url, auth);
    open.push(client);
    return client;
  };
  const changes = (client: SignalClient) =>
    client.notifications.filter((n) => n.type === 'viewer:changed').map((n) => n.session);
  const nextChange = async (client: SignalClient, count: number) => {
    const deadline = Date.now() + 5000;
    while (changes(client).length < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return changes(client)[count - 1];
  };

  /** An image of the consult, as its clinician shares it. */
  const uploadImage = async (consultId: string): Promise<string> => {
    const response = await fetch(`${stack.url}/api/consults/${consultId}/images?name=dot.png`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: PNG_1x1,
    });
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
    return ((await response.json()) as ConsultImage).id;
  };

  /** A consult with an image, its clinician in the room and the patient admitted. */
  const room = async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const image = await uploadImage(consult.id);
    const clinician = await connect({ kind: 'clinician', accessToken: token, consultId: consult.id });
    dataOf<JoinResult>(await clinician.request('room:join', { displayName: 'x' }));
    const patient = await connect({ kind: 'patient', joinToken });
    await joinAdmitted(stack.url, token, consult.id, patient, 'Pat Example');
    return { consultId: consult.id, joinToken, image, clinician, patient };
  };

  beforeAll(async () => {
    stack = await startTestStack(driver);
    token = await loginDemo(stack.url);
  });
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  afterAll(() => stack.close());

  it('relays the presenter view to the other admitted peers, not back to the sender', async () => {
    const { clinician, patient, image } = await room();
    expect(dataOf<ViewerSession>(await patient.request('viewer:get', {}))).toEqual({
      presenter: null,
      state: null,
      version: 0,
    });
    const first = await clinician.request('viewer:update', { state: view(image) });
    expect(first).toEqual({ ok: true, data: { version: 1 } });
    await clinician.request('viewer:update', {
      state: view(image, { frame: 2, windowCenter: 300, windowWidth: 1200 }),
    });
    const seen = await nextChange(patient, 2);
    expect(seen).toMatchObject({
      presenter: { displayName: 'Dr Ada Lovelace' },
      state: { frame: 2, windowCenter: 300, windowWidth: 1200 },
      version: 2,
    });
    // The sender is not echoed its own update.
    expect(changes(clinician)).toHaveLength(0);
  });

  it('gives a late joiner the current state and the presenter', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const image = await uploadImage(consult.id);
    const clinician = await connect({ kind: 'clinician', accessToken: token, consultId: consult.id });
    await clinician.request('room:join', { displayName: 'x' });
    await clinician.request('viewer:update', { state: view(image, { zoom: 2.5, panX: 12, panY: -7 }) });
    const late = await connect({ kind: 'patient', joinToken });
    await joinAdmitted(stack.url, token, consult.id, late, 'Pat Example');
    expect(dataOf<ViewerSession>(await late.request('viewer:get', {}))).toMatchObject({
      presenter: { displayName: 'Dr Ada Lovelace' },
      state: { zoom: 2.5, panX: 12, panY: -7 },
      version: 1,
    });
  });

  it('lets anyone take over; the former presenter then follows and cannot drive', async () => {
    const { clinician, patient, image } = await room();
    await clinician.request('viewer:update', { state: view(image) });
    expect(await patient.request('viewer:update', { state: view(image, { frame: 1 }) })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const taken = dataOf<ViewerSession>(await patient.request('viewer:takeOver', {}));
    expect(taken).toMatchObject({ presenter: { displayName: 'Pat Example' }, version: 2 });
    expect(await nextChange(clinician, 1)).toMatchObject({ presenter: { displayName: 'Pat Example' } });
    expect(await patient.request('viewer:update', { state: view(image, { frame: 1 }) })).toEqual({
      ok: true,
      data: { version: 3 },
    });
    expect(await nextChange(clinician, 2)).toMatchObject({ state: { frame: 1 }, version: 3 });
    expect(await clinician.request('viewer:update', { state: view(image) })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('refuses malformed and oversized states naming the field, and relays nothing', async () => {
    const { clinician, patient, image } = await room();
    const bad: [unknown, string][] = [
      [{ state: view(image, { windowWidth: 0 }) }, 'state.windowWidth'],
      [{ state: view(image, { zoom: 1e9 }) }, 'state.zoom'],
      [{ state: { ...view(image), frame: -1 } }, 'state.frame'],
      [{ state: view(image, { imageId: '../../etc/passwd' }) }, 'state.imageId'],
      [{ state: { ...view(image), panX: 'left' } }, 'state.panX'],
      [
        {
          state: view(image, {
            measurements: Array.from({ length: 33 }, (_, i) => ({
              id: `m${i}`,
              imageId: image,
              frame: 0,
              from: { x: 0, y: 0 },
              to: { x: 1, y: 1 },
              lengthMm: 1,
              lengthPx: 1.4,
            })),
          }),
        },
        'state.measurements',
      ],
    ];
    for (const [payload, field] of bad) {
      expect(await clinician.request('viewer:update', payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', field },
      });
    }
    const huge = await clinician.request('viewer:update', {
      state: view(image),
      padding: 'x'.repeat(70_000),
    });
    expect(huge).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(changes(patient)).toHaveLength(0);
    expect(dataOf<ViewerSession>(await patient.request('viewer:get', {})).state).toBeNull();
  });

  it("refuses an image that is not the consult's, another consult's or none at all alike, keeping the session", async () => {
    const { clinician, patient, image, consultId } = await room();
    const elsewhere = await createConsult(stack.url, token, 'Elsewhere');
    const theirs = await uploadImage(elsewhere.consult.id);
    expect(await clinician.request('viewer:update', { state: view(image, { zoom: 2 }) })).toEqual({
      ok: true,
      data: { version: 1 },
    });
    await nextChange(patient, 1);

    const refusals = [];
    for (const imageId of [theirs, randomUUID()]) {
      const refused = await clinician.request('viewer:update', { state: view(imageId, { zoom: 3 }) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'state.imageId' } });
      refusals.push(refused);
    }
    // The same answer either way: the refusal says nothing about whether the id exists elsewhere.
    expect(refusals[0]).toEqual(refusals[1]);
    // A measurement on another consult's image is refused too (it would reach the audit trail).
    const measurement = {
      id: 'm1',
      imageId: theirs,
      frame: 0,
      from: { x: 0, y: 0 },
      to: { x: 1, y: 1 },
      lengthMm: null,
      lengthPx: 1.4,
    };
    expect(
      await clinician.request('viewer:update', { state: view(image, { measurements: [measurement] }) }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'state.measurements.0.imageId' } });

    await new Promise((r) => setTimeout(r, 200));
    expect(changes(patient)).toHaveLength(1);
    expect(dataOf<ViewerSession>(await patient.request('viewer:get', {}))).toEqual({
      presenter: { peerId: expect.any(String), displayName: 'Dr Ada Lovelace' },
      state: view(image, { zoom: 2 }),
      version: 1,
    });

    // Valid updates still relay: the same image, one shared since the session began, and closing.
    expect(await clinician.request('viewer:update', { state: view(image, { zoom: 4 }) })).toEqual({
      ok: true,
      data: { version: 2 },
    });
    expect(await nextChange(patient, 2)).toMatchObject({ state: { imageId: image, zoom: 4 }, version: 2 });
    const second = await uploadImage(consultId);
    expect(await clinician.request('viewer:update', { state: view(second) })).toEqual({
      ok: true,
      data: { version: 3 },
    });
    expect(await nextChange(patient, 3)).toMatchObject({ state: { imageId: second }, version: 3 });
    expect(await clinician.request('viewer:update', { state: view(null) })).toEqual({
      ok: true,
      data: { version: 4 },
    });
  });

  it('never reaches a waiting patient, who may neither read nor drive the viewer', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const image = await uploadImage(consult.id);
    const clinician = await connect({ kind: 'clinician', accessToken: token, consultId: consult.id });
    await clinician.request('room:join', { displayName: 'x' });
    const waiting = await connect({ kind: 'patient', joinToken });
    expect(await waiting.request('room:join', { displayName: 'Pat Example' })).toMatchObject({
      ok: true,
      data: { status: 'waiting' },
    });
    await clinician.request('viewer:update', { state: view(image) });
    expect(await waiting.request('viewer:get', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ADMITTED' },
    });
    expect(await waiting.request('viewer:takeOver', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ADMITTED' },
    });
    expect(await waiting.request('viewer:update', { state: view(image) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ADMITTED' },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(changes(waiting)).toHaveLength(0);
  });

  it('rate-limits a flood of updates', async () => {
    const { clinician, image } = await room();
    const acks = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        clinician.request('viewer:update', { state: view(image, { frame: i % 4 }) }),
      ),
    );
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
  });

  it('writes each new measurement to the audit trail once', async () => {
    const { clinician, consultId, image } = await room();
    const measurement = {
      id: 'm1',
      imageId: image,
      frame: 0,
      from: { x: 10, y: 10 },
      to: { x: 40, y: 50 },
      lengthMm: 25,
      lengthPx: 50,
    };
    await clinician.request('viewer:update', { state: view(image, { measurements: [measurement] }) });
    await clinician.request('viewer:update', {
      state: view(image, { measurements: [measurement], frame: 1 }),
    });
    const admin = await loginDemo(stack.url, DEMO_ADMIN);
    const audit = await call<AuditPage>(
      stack.url,
      'GET',
      `/api/admin/audit?action=image.measured&consultId=${consultId}`,
      { token: admin },
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'image.measured',
        detail: expect.objectContaining({ imageId: image, lengthMm: 25, by: 'Dr Ada Lovelace' }),
      }),
    ]);
    // The consult summary lists it.
    const summary = await call<ConsultReport>(stack.url, 'GET', `/api/consults/${consultId}/summary`, {
      token,
    });
    expect(summary.body.measurements).toEqual([
      { imageId: image, frame: 0, lengthMm: 25, lengthPx: 50, by: 'Dr Ada Lovelace', at: expect.any(String) },
    ]);
  });
});
