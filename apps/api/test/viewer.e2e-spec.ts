import type { ConsultReport, AuditPage, JoinResult, ViewerSession, ViewerState } from '@teleconsult/protocol';
import { DEMO_ADMIN, call, createConsult, loginDemo } from './support/rest-client';
import { joinAdmitted } from './support/dashboard-client';
import { connectSignal, dataOf, type SignalClient } from './support/signal-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const IMAGE = '6f1c1e0a-6a47-4d7c-9d3e-0b6a7f9e2a11';
const view = (change: Partial<ViewerState> = {}): ViewerState => ({
  imageId: IMAGE,
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

  /** A consult with its clinician in the room and the patient admitted. */
  const room = async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const clinician = await connect({ kind: 'clinician', accessToken: token, consultId: consult.id });
    dataOf<JoinResult>(await clinician.request('room:join', { displayName: 'x' }));
    const patient = await connect({ kind: 'patient', joinToken });
    await joinAdmitted(stack.url, token, consult.id, patient, 'Pat Example');
    return { consultId: consult.id, joinToken, clinician, patient };
  };

  beforeAll(async () => {
    stack = await startTestStack(driver);
    token = await loginDemo(stack.url);
  });
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  afterAll(() => stack.close());

  it('relays the presenter view to the other admitted peers, not back to the sender', async () => {
    const { clinician, patient } = await room();
    expect(dataOf<ViewerSession>(await patient.request('viewer:get', {}))).toEqual({
      presenter: null,
      state: null,
      version: 0,
    });
    const first = await clinician.request('viewer:update', { state: view() });
    expect(first).toEqual({ ok: true, data: { version: 1 } });
    await clinician.request('viewer:update', {
      state: view({ frame: 2, windowCenter: 300, windowWidth: 1200 }),
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
    const clinician = await connect({ kind: 'clinician', accessToken: token, consultId: consult.id });
    await clinician.request('room:join', { displayName: 'x' });
    await clinician.request('viewer:update', { state: view({ zoom: 2.5, panX: 12, panY: -7 }) });
    const late = await connect({ kind: 'patient', joinToken });
    await joinAdmitted(stack.url, token, consult.id, late, 'Pat Example');
    expect(dataOf<ViewerSession>(await late.request('viewer:get', {}))).toMatchObject({
      presenter: { displayName: 'Dr Ada Lovelace' },
      state: { zoom: 2.5, panX: 12, panY: -7 },
      version: 1,
    });
  });

  it('lets anyone take over; the former presenter then follows and cannot drive', async () => {
    const { clinician, patient } = await room();
    await clinician.request('viewer:update', { state: view() });
    expect(await patient.request('viewer:update', { state: view({ frame: 1 }) })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const taken = dataOf<ViewerSession>(await patient.request('viewer:takeOver', {}));
    expect(taken).toMatchObject({ presenter: { displayName: 'Pat Example' }, version: 2 });
    expect(await nextChange(clinician, 1)).toMatchObject({ presenter: { displayName: 'Pat Example' } });
    expect(await patient.request('viewer:update', { state: view({ frame: 1 }) })).toEqual({
      ok: true,
      data: { version: 3 },
    });
    expect(await nextChange(clinician, 2)).toMatchObject({ state: { frame: 1 }, version: 3 });
    expect(await clinician.request('viewer:update', { state: view() })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('refuses malformed and oversized states naming the field, and relays nothing', async () => {
    const { clinician, patient } = await room();
    const bad: [unknown, string][] = [
      [{ state: view({ windowWidth: 0 }) }, 'state.windowWidth'],
      [{ state: view({ zoom: 1e9 }) }, 'state.zoom'],
      [{ state: { ...view(), frame: -1 } }, 'state.frame'],
      [{ state: view({ imageId: '../../etc/passwd' }) }, 'state.imageId'],
      [{ state: { ...view(), panX: 'left' } }, 'state.panX'],
      [
        {
          state: view({
            measurements: Array.from({ length: 33 }, (_, i) => ({
              id: `m${i}`,
              imageId: IMAGE,
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
    const huge = await clinician.request('viewer:update', { state: view(), padding: 'x'.repeat(70_000) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(changes(patient)).toHaveLength(0);
    expect(dataOf<ViewerSession>(await patient.request('viewer:get', {})).state).toBeNull();
  });

  it('never reaches a waiting patient, who may neither read nor drive the viewer', async () => {
    const { consult, joinToken } = await createConsult(stack.url, token);
    const clinician = await connect({ kind: 'clinician', accessToken: token, consultId: consult.id });
    await clinician.request('room:join', { displayName: 'x' });
    const waiting = await connect({ kind: 'patient', joinToken });
    expect(await waiting.request('room:join', { displayName: 'Pat Example' })).toMatchObject({
      ok: true,
      data: { status: 'waiting' },
    });
    await clinician.request('viewer:update', { state: view() });
    expect(await waiting.request('viewer:get', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ADMITTED' },
    });
    expect(await waiting.request('viewer:takeOver', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ADMITTED' },
    });
    expect(await waiting.request('viewer:update', { state: view() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ADMITTED' },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(changes(waiting)).toHaveLength(0);
  });

  it('rate-limits a flood of updates', async () => {
    const { clinician } = await room();
    const acks = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        clinician.request('viewer:update', { state: view({ frame: i % 4 }) }),
      ),
    );
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
  });

  it('writes each new measurement to the audit trail once', async () => {
    const { clinician, consultId } = await room();
    const measurement = {
      id: 'm1',
      imageId: IMAGE,
      frame: 0,
      from: { x: 10, y: 10 },
      to: { x: 40, y: 50 },
      lengthMm: 25,
      lengthPx: 50,
    };
    await clinician.request('viewer:update', { state: view({ measurements: [measurement] }) });
    await clinician.request('viewer:update', { state: view({ measurements: [measurement], frame: 1 }) });
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
        detail: expect.objectContaining({ imageId: IMAGE, lengthMm: 25, by: 'Dr Ada Lovelace' }),
      }),
    ]);
    // The consult summary lists it.
    const summary = await call<ConsultReport>(stack.url, 'GET', `/api/consults/${consultId}/summary`, {
      token,
    });
    expect(summary.body.measurements).toEqual([
      { imageId: IMAGE, frame: 0, lengthMm: 25, lengthPx: 50, by: 'Dr Ada Lovelace', at: expect.any(String) },
    ]);
  });
});
