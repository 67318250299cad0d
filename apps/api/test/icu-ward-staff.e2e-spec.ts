import type { BedView, ClinicianAccount, WardStaffMember, WardView } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { LiveBeds } from '../src/icu/live-beds.service';
import {
  type BedsideClient,
  type StationClient,
  type TestWard,
  clinicianId,
  connectBedside,
  connectStation,
  createTestWard,
} from './support/icu-clients';
import { DEMO_ADMIN, call, loginDemo } from './support/rest-client';
import { dataOf } from './support/signal-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const GRACE = {
  email: 'grace@ward-staff.test',
  password: 'grace-hopper-2026',
  displayName: 'Dr Grace Hopper',
};
const NOBODY = '00000000-0000-4000-8000-00000000dead';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Who may watch a ward: only the clinicians an admin put on its staff, and only while they are. */
describe.each<Driver>(['sqlite', 'postgres'])('ward staff on %s', (driver) => {
  let stack: TestStack;
  let admin: string;
  let adminId: string;
  let grace: string;
  let graceId: string;
  let ward: TestWard;
  const open: Array<StationClient | BedsideClient> = [];
  const track = <T extends StationClient | BedsideClient>(client: T): T => {
    open.push(client);
    return client;
  };
  const staffPath = (wardId = ward.wardId) => `/api/icu/wards/${wardId}/staff`;
  const add = (userId: string, token = admin, wardId = ward.wardId) =>
    call<WardStaffMember & { code: string; field: string }>(stack.url, 'POST', staffPath(wardId), {
      token,
      body: { userId },
    });
  const remove = (userId: string, token = admin, wardId = ward.wardId) =>
    call<{ code: string; field: string }>(stack.url, 'DELETE', `${staffPath(wardId)}/${userId}`, { token });
  const wardsOf = async (token: string) =>
    (await call<{ wards: WardView[] }>(stack.url, 'GET', '/api/icu/wards', { token })).body.wards.map(
      (w) => w.id,
    );
  /** Every clinician-facing bed route, as [method, path, body]. */
  const bedRoutes = (bedId: string): Array<[string, string, unknown]> => [
    ['PUT', `/api/icu/beds/${bedId}/settings`, { spo2Scale: 2 }],
    ['POST', `/api/icu/beds/${bedId}/admission`, { patientName: 'Pat Example' }],
    ['POST', `/api/icu/beds/${bedId}/discharge`, undefined],
    ['GET', `/api/icu/beds/${bedId}/trends`, undefined],
    ['GET', `/api/icu/beds/${bedId}/fhir/vitals`, undefined],
    ['GET', `/api/icu/beds/${bedId}/fhir/waveform`, undefined],
  ];

  beforeAll(async () => {
    stack = await startTestStack(driver);
    admin = await loginDemo(stack.url, DEMO_ADMIN);
    adminId = (await call<{ id: string }>(stack.url, 'GET', '/api/auth/me', { token: admin })).body.id;
    const created = await call<ClinicianAccount>(stack.url, 'POST', '/api/admin/clinicians', {
      token: admin,
      body: GRACE,
    });
    expect(created.status).toBe(201);
    graceId = created.body.id;
    grace = await loginDemo(stack.url, GRACE);
    ward = await createTestWard(stack.url, 2, 'ICU Staffed', { staffed: false });
  }, 60_000);
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('keeps a clinician off a ward they are not on the staff of: list, socket and every bed route', async () => {
    expect(await wardsOf(grace)).not.toContain(ward.wardId);
    expect(await wardsOf(admin)).toContain(ward.wardId);

    const station = track(await connectStation(stack.url, grace));
    const listed = dataOf<{ wards: WardView[] }>(await station.request('wards:list', {}));
    expect(listed.wards.map((w) => w.id)).not.toContain(ward.wardId);
    const refused = await station.request('ward:subscribe', { wardId: ward.wardId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'WARD_NOT_ASSIGNED', field: 'wardId' } });
    expect(refused.ok === false && refused.error.message).toMatch(/ask an administrator/);
    // Nothing of the ward opens without the subscription.
    expect(await station.request('transport:create', { wardId: ward.wardId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await station.request('ward:subscribe', { wardId: NOBODY })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'wardId' },
    });

    for (const [method, path, body] of bedRoutes(ward.beds[0]!.bedId)) {
      const response = await call<{ code: string; field: string }>(stack.url, method, path, {
        token: grace,
        body,
      });
      expect({ path, method, status: response.status, code: response.body.code }).toEqual({
        path,
        method,
        status: 403,
        code: 'WARD_NOT_ASSIGNED',
      });
    }
    const unknownBed = await call<{ code: string }>(stack.url, 'GET', `/api/icu/beds/${NOBODY}/trends`, {
      token: grace,
    });
    expect(unknownBed).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('lets only admins manage ward staff, and names what is wrong with bad input', async () => {
    expect((await call(stack.url, 'GET', staffPath(), { token: grace })).status).toBe(403);
    expect((await add(graceId, grace)).status).toBe(403);
    expect((await remove(graceId, grace)).status).toBe(403);

    const malformedWard = await call<{ code: string; field: string }>(
      stack.url,
      'GET',
      '/api/icu/wards/not-a-uuid/staff',
      { token: admin },
    );
    expect(malformedWard).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'wardId' },
    });
    expect(await add(graceId, admin, NOBODY)).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND', field: 'wardId' },
    });
    expect(await add('not-a-uuid')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'userId' },
    });
    expect(await add(NOBODY)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', field: 'userId' } });
    expect(await add(adminId)).toMatchObject({
      status: 422,
      body: { code: 'NOT_A_CLINICIAN', field: 'userId' },
    });

    const disabled = await call<ClinicianAccount>(stack.url, 'POST', '/api/admin/clinicians', {
      token: admin,
      body: { email: 'gone@ward-staff.test', displayName: 'Dr Gone', password: 'gone-away-2026-x' },
    });
    await call(stack.url, 'POST', `/api/admin/clinicians/${disabled.body.id}/disable`, { token: admin });
    expect(await add(disabled.body.id)).toMatchObject({
      status: 409,
      body: { code: 'ACCOUNT_DISABLED', field: 'userId' },
    });

    expect(await remove('not-a-uuid')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'userId' },
    });
    expect(await remove(graceId)).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND', field: 'userId' },
    });
    const staff = await call<{ staff: WardStaffMember[] }>(stack.url, 'GET', staffPath(), { token: admin });
    expect(staff).toMatchObject({ status: 200, body: { staff: [] } });
  });

  it('opens the ward once an admin adds the clinician, and ends their live view the moment they are removed', async () => {
    const added = await add(graceId);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId: graceId, displayName: GRACE.displayName, addedBy: adminId });
    expect(await add(graceId)).toMatchObject({ status: 409, body: { code: 'CONFLICT', field: 'userId' } });
    const listed = await call<{ staff: WardStaffMember[] }>(stack.url, 'GET', staffPath(), { token: admin });
    expect(listed.body.staff.map((m) => m.email)).toEqual([GRACE.email]);

    expect(await wardsOf(grace)).toEqual([ward.wardId]);
    const bedId = ward.beds[0]!.bedId;
    expect(
      (
        await call(stack.url, 'POST', `/api/icu/beds/${bedId}/admission`, {
          token: grace,
          body: { patientName: 'Ada' },
        })
      ).status,
    ).toBe(201);
    expect((await call(stack.url, 'GET', `/api/icu/beds/${bedId}/trends`, { token: grace })).status).toBe(
      200,
    );

    const station = track(await connectStation(stack.url, grace));
    const snapshot = dataOf<{ beds: BedView[] }>(
      await station.request('ward:subscribe', { wardId: ward.wardId }),
    );
    expect(snapshot.beds.map((b) => b.label)).toEqual(['Bed 1', 'Bed 2']);
    const device = track(await connectBedside(stack.url, ward.beds[0]!.deviceToken));
    await device.next('welcome');
    dataOf(await station.request('bed:focus', { bedId, on: true }));
    dataOf(await station.request('talk:start', { bedId }));
    const live = stack.app.get(LiveBeds).find(bedId)!;
    expect(live.talk?.userId).toBe(graceId);
    expect(live.focusedBy.size).toBe(1);

    expect((await remove(graceId)).status).toBe(204);
    const revoked = await station.next('ward:accessRevoked', (n) => n.wardId === ward.wardId);
    expect(revoked.message).toMatch(/removed you/);
    // Its talk-down and close-up ended with it, server-side.
    expect(live.talk).toBeNull();
    expect(live.focusedBy.size).toBe(0);
    // No more of the ward's data reaches that socket, and it cannot come back in.
    const seen = station.notifications.length;
    await device.request('vitals:report', {
      bedId,
      at: Date.now(),
      heartRate: 80,
      spo2: 97,
      respiratoryRate: 14,
      systolic: 124,
      diastolic: 76,
      temperature: 36.9,
      consciousness: 'A',
      onOxygen: false,
    });
    await sleep(300);
    expect(station.notifications.slice(seen).filter((n) => n.type.startsWith('bed:'))).toEqual([]);
    expect(await station.request('transport:create', { wardId: ward.wardId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await station.request('ward:subscribe', { wardId: ward.wardId })).toMatchObject({
      ok: false,
      error: { code: 'WARD_NOT_ASSIGNED' },
    });
    // The REST side forgets at once too (no stale cache).
    expect(await wardsOf(grace)).toEqual([]);
    expect((await call(stack.url, 'GET', `/api/icu/beds/${bedId}/trends`, { token: grace })).status).toBe(
      403,
    );

    const audits = await stack.app
      .get(DataSource)
      .getRepository(AuditEvent)
      .find({
        where: [{ action: 'icu.staff.added' }, { action: 'icu.staff.removed' }],
        order: { at: 'ASC' },
      });
    expect(audits.map((a) => ({ action: a.action, actorId: a.actorId, detail: a.detail }))).toEqual([
      { action: 'icu.staff.added', actorId: adminId, detail: { wardId: ward.wardId, userId: graceId } },
      { action: 'icu.staff.removed', actorId: adminId, detail: { wardId: ward.wardId, userId: graceId } },
    ]);
  });
});

describe('the demo ICU', () => {
  let stack: TestStack;
  afterAll(async () => {
    await stack?.close();
  });

  it('puts the demo clinician on the staff of both demo wards, so npm start shows a living ICU', async () => {
    stack = await startTestStack('sqlite', { DEMO_BEDS: '2' });
    const clinician = await loginDemo(stack.url);
    const { body } = await call<{ wards: WardView[] }>(stack.url, 'GET', '/api/icu/wards', {
      token: clinician,
    });
    expect(body.wards.map((w) => w.name).sort()).toEqual(['Emergency Department', 'ICU North']);
    const admin = await loginDemo(stack.url, DEMO_ADMIN);
    const demoId = await clinicianId(stack.url, admin);
    for (const ward of body.wards) {
      const staff = await call<{ staff: WardStaffMember[] }>(
        stack.url,
        'GET',
        `/api/icu/wards/${ward.id}/staff`,
        {
          token: admin,
        },
      );
      expect(staff.body.staff.map((m) => m.userId)).toEqual([demoId]);
    }
    const station = await connectStation(stack.url, clinician);
    try {
      const icu = body.wards.find((w) => w.kind === 'icu')!;
      const snapshot = dataOf<{ beds: BedView[] }>(
        await station.request('ward:subscribe', { wardId: icu.id }),
      );
      expect(snapshot.beds).toHaveLength(2);
    } finally {
      station.close();
    }
  }, 60_000);
});
