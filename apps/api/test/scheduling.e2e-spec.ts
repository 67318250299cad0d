import { randomUUID } from 'node:crypto';
import type {
  Appointment,
  AvailabilityRequest,
  BookAppointmentResponse,
  SlotsResponse,
} from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/password-hasher';
import { User } from '../src/auth/entities/user.entity';
import { isAppointmentOverlap } from '../src/common/db-errors';
import { AppointmentRow } from '../src/scheduling/entities/appointment.entity';
import { call, loginDemo } from './support/rest-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

/** Every day 08:00–20:00 in the zone, 20-minute slots. */
const allWeek = (timeZone: string): AvailabilityRequest => ({
  timeZone,
  slotMinutes: 20,
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
  exceptions: [],
});

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe.each<Driver>(['sqlite', 'postgres'])('scheduling on %s', (driver) => {
  let stack: TestStack;
  let ada: string; // the demo clinician
  let adaId: string;
  let grace: string; // a colleague
  let graceId: string;

  beforeAll(async () => {
    stack = await startTestStack(driver);
    ada = await loginDemo(stack.url);
    adaId = ((await call(stack.url, 'GET', '/api/auth/me', { token: ada })).body as { id: string }).id;
    graceId = randomUUID();
    await stack.app
      .get(DataSource)
      .getRepository(User)
      .insert({
        id: graceId,
        email: 'dr.grace@test.teleconsult',
        displayName: 'Dr Grace Hopper',
        role: 'clinician',
        passwordHash: await hashPassword('grace-test-password'),
        createdAt: new Date(),
      });
    grace = (
      await call<{ accessToken: string }>(stack.url, 'POST', '/api/auth/login', {
        body: { email: 'dr.grace@test.teleconsult', password: 'grace-test-password' },
      })
    ).body.accessToken;
    expect(
      (await call(stack.url, 'PUT', '/api/availability', { token: ada, body: allWeek('Europe/London') }))
        .status,
    ).toBe(200);
  });
  afterAll(() => stack.close());

  const slots = async (clinicianId: string, from: string, to: string, token = ada) =>
    (
      await call<SlotsResponse>(
        stack.url,
        'GET',
        `/api/clinicians/${clinicianId}/slots?from=${from}&to=${to}`,
        { token },
      )
    ).body;
  /** A free slot a few days ahead (each test takes its own day so they do not collide). */
  const freeSlot = async (daysAhead: number) => {
    const list = await slots(adaId, inDays(daysAhead), inDays(daysAhead + 1));
    expect(list.slots.length).toBeGreaterThan(0);
    return list.slots[0]!.startsAt;
  };
  const book = (startsAt: string, token = ada, clinicianId = adaId) =>
    call<BookAppointmentResponse>(stack.url, 'POST', '/api/appointments', {
      token,
      body: {
        clinicianId,
        startsAt,
        patient: { name: 'Pat Example', email: 'pat@example.org' },
        reason: 'Knee review',
      },
    });

  it('saves availability and lists slots on the 20-minute grid, in the future only', async () => {
    const got = await call<AvailabilityRequest & { updatedAt: string }>(
      stack.url,
      'GET',
      '/api/availability',
      { token: ada },
    );
    expect(got.body).toMatchObject({ timeZone: 'Europe/London', slotMinutes: 20 });
    const list = await slots(adaId, inDays(-1), inDays(1));
    expect(list.slots.every((s) => Date.parse(s.startsAt) > Date.now())).toBe(true);
    expect(list.slots.every((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) === 20 * 60_000)).toBe(true);
  });

  it('keeps 08:00 local on both sides of the spring-forward change (Europe/London)', async () => {
    // Next year's last Sunday of March, 01:00 UTC: clocks go from GMT to BST.
    const year = new Date().getUTCFullYear() + 1;
    const change = new Date(Date.UTC(year, 2, 31));
    change.setUTCDate(31 - change.getUTCDay());
    const day = (offset: number) => new Date(change.getTime() + offset * DAY).toISOString().slice(0, 10);
    const { body } = await call<SlotsResponse>(
      stack.url,
      'GET',
      `/api/clinicians/${adaId}/slots?from=${day(-1)}T00:00:00Z&to=${day(2)}T00:00:00Z`,
      { token: ada },
    );
    const firstOfDay = (date: string) => body.slots.find((s) => s.startsAt.startsWith(date))!.startsAt;
    expect(firstOfDay(day(-1))).toBe(`${day(-1)}T08:00:00.000Z`); // Saturday, GMT
    expect(firstOfDay(day(1))).toBe(`${day(1)}T07:00:00.000Z`); // Monday, BST: still 08:00 on the wall
  });

  it('books a slot: consult, patient link with its window, appointment listed and audited', async () => {
    const startsAt = await freeSlot(2);
    const { status, body } = await book(startsAt);
    expect(status).toBe(201);
    expect(body.appointment).toMatchObject({
      status: 'booked',
      startsAt,
      clinicianName: 'Dr Ada Lovelace',
      patientName: 'Pat Example',
    });
    expect(Date.parse(body.patientLink.validFrom)).toBe(Date.parse(startsAt) - 30 * 60_000);
    expect(Date.parse(body.patientLink.expiresAt)).toBe(Date.parse(body.appointment.endsAt) + 60 * 60_000);
    // The link exists but is not open yet: a clear code, not a stack trace.
    const token = body.patientLink.url.split('/join/')[1]!;
    expect(await call(stack.url, 'GET', `/api/join/${token}`)).toMatchObject({
      status: 403,
      body: { code: 'LINK_NOT_YET_VALID' },
    });
    // The slot is no longer offered.
    const after = await slots(adaId, startsAt, inDays(3));
    expect(after.slots.some((s) => s.startsAt === startsAt)).toBe(false);
    const listed = await call<Appointment[]>(
      stack.url,
      'GET',
      `/api/appointments?from=${inDays(1)}&to=${inDays(4)}`,
      { token: ada },
    );
    expect(listed.body.map((a) => a.id)).toContain(body.appointment.id);
  });

  it('lets exactly one of 20 simultaneous bookings of one slot succeed (database-enforced)', async () => {
    const startsAt = await freeSlot(3);
    const results = await Promise.all(Array.from({ length: 20 }, () => book(startsAt)));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' });
    const rows = await stack.app
      .get(DataSource)
      .getRepository(AppointmentRow)
      .countBy({ clinicianId: adaId, startsAt: new Date(startsAt) });
    expect(rows).toBe(1);
  });

  it('refuses overlapping live appointments in the database even when they start at different instants', async () => {
    // Rows written straight to the table, as two grids (e.g. before and after a slot-length
    // change) would: 10 concurrent 30-minute appointments starting 3 minutes apart all overlap.
    const repo = stack.app.get(DataSource).getRepository(AppointmentRow);
    const base = new Date(Math.ceil((Date.now() + 40 * DAY) / 3_600_000) * 3_600_000);
    const row = (startsAt: Date, minutes = 30, status: AppointmentRow['status'] = 'booked') => ({
      id: randomUUID(),
      clinicianId: graceId,
      bookedBy: graceId,
      consultId: randomUUID(),
      startsAt,
      endsAt: new Date(startsAt.getTime() + minutes * 60_000),
      timeZone: 'Europe/London',
      status,
      patientName: 'Pat Overlap',
      patientEmail: null,
      patientPhone: null,
      reason: null,
      createdAt: new Date(),
      updatedAt: new Date(),
      cancelledAt: null,
      cancelReason: null,
    });
    const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => repo.insert(row(at(i * 3)))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(isAppointmentOverlap(r.reason)).toBe(true);
    const winner = (await repo.findBy({ clinicianId: graceId, patientName: 'Pat Overlap' }))[0]!;

    // Touching is not overlapping; a cancelled appointment does not hold its time.
    await repo.insert(row(winner.endsAt));
    await repo.insert(row(at(5), 30, 'cancelled'));
    // Moving a live appointment onto another one is refused too, and changes nothing.
    const later = row(at(240));
    await repo.insert(later);
    const moved = await repo
      .update({ id: later.id }, { startsAt: at(10), endsAt: at(40) })
      .catch((e: unknown) => e);
    expect(isAppointmentOverlap(moved)).toBe(true);
    expect((await repo.findOneByOrFail({ id: later.id })).startsAt.getTime()).toBe(at(240).getTime());
  });

  it('refuses slots off the grid, outside hours and in the past', async () => {
    const startsAt = await freeSlot(4);
    const offGrid = new Date(Date.parse(startsAt) + 7 * 60_000).toISOString();
    expect((await book(offGrid)).body).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' });
    const past = new Date(Date.now() - DAY).toISOString();
    expect((await book(past)).body).toMatchObject({
      code: 'SLOT_UNAVAILABLE',
      message: expect.stringContaining('past'),
    });
  });

  it('reschedules (link window moves), cancels (link says cancelled) and refuses changes after', async () => {
    const { body } = await book(await freeSlot(5));
    const token = body.patientLink.url.split('/join/')[1]!;
    const target = await freeSlot(6);
    const moved = await call<Appointment>(
      stack.url,
      'POST',
      `/api/appointments/${body.appointment.id}/reschedule`,
      { token: ada, body: { startsAt: target } },
    );
    expect(moved).toMatchObject({ status: 200, body: { startsAt: target, status: 'booked' } });
    expect(Date.parse(moved.body.linkValidFrom!)).toBe(Date.parse(target) - 30 * 60_000);
    const cancelled = await call<Appointment>(
      stack.url,
      'POST',
      `/api/appointments/${body.appointment.id}/cancel`,
      { token: ada, body: { reason: 'patient asked' } },
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'patient asked' });
    expect(await call(stack.url, 'GET', `/api/join/${token}`)).toMatchObject({
      status: 410,
      body: { code: 'APPOINTMENT_CANCELLED' },
    });
    expect(
      await call(stack.url, 'POST', `/api/appointments/${body.appointment.id}/reschedule`, {
        token: ada,
        body: { startsAt: target },
      }),
    ).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT' },
    });
    // The cancelled slot is free again.
    expect((await book(target)).status).toBe(201);
  });

  it('refuses a no-show before the appointment starts', async () => {
    const { body } = await book(await freeSlot(7));
    expect(
      await call(stack.url, 'POST', `/api/appointments/${body.appointment.id}/no-show`, { token: ada }),
    ).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT', message: expect.stringContaining('started') },
    });
  });

  it('completes the appointment when its consult ends, and re-issues links', async () => {
    const { body } = await book(await freeSlot(8));
    const reissued = await call<{ url: string }>(
      stack.url,
      'POST',
      `/api/appointments/${body.appointment.id}/patient-link`,
      { token: ada },
    );
    expect(reissued.status).toBe(201);
    const oldToken = body.patientLink.url.split('/join/')[1]!;
    expect(await call(stack.url, 'GET', `/api/join/${oldToken}`)).toMatchObject({
      status: 410,
      body: { code: 'LINK_REVOKED' },
    });
    await call(stack.url, 'POST', `/api/consults/${body.appointment.consultId}/end`, { token: ada });
    await new Promise((r) => setTimeout(r, 100));
    const got = await call<Appointment>(stack.url, 'GET', `/api/appointments/${body.appointment.id}`, {
      token: ada,
    });
    expect(got.body.status).toBe('completed');
  });

  it('serves an .ics without the join link', async () => {
    const { body } = await book(await freeSlot(9));
    const response = await fetch(`${stack.url}/api/appointments/${body.appointment.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${ada}` },
    });
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const ics = await response.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`UID:${body.appointment.id}@teleconsult`);
    expect(ics).toContain(`DTSTART:${body.appointment.startsAt.replace(/[-:]/g, '').replace('.000', '')}`);
    expect(ics).not.toContain('/join/');
  });

  it('lets a colleague book into the diary, and keeps other appointments private', async () => {
    const startsAt = await freeSlot(10);
    const byGrace = await book(startsAt, grace);
    expect(byGrace.status).toBe(201);
    expect(byGrace.body.appointment.bookedBy).toBe(graceId);
    const own = await book(await freeSlot(11));
    // Grace sees what she booked, not Ada's other appointments.
    expect(
      (await call(stack.url, 'GET', `/api/appointments/${byGrace.body.appointment.id}`, { token: grace }))
        .status,
    ).toBe(200);
    expect(
      await call(stack.url, 'GET', `/api/appointments/${own.body.appointment.id}`, { token: grace }),
    ).toMatchObject({ status: 404 });
    const list = await call<Appointment[]>(
      stack.url,
      'GET',
      `/api/appointments?from=${inDays(9)}&to=${inDays(13)}&clinicianId=${adaId}`,
      { token: grace },
    );
    expect(list.body.map((a) => a.id)).toEqual([byGrace.body.appointment.id]);
    // Grace has no hours yet: no slots, and booking into her diary fails clearly.
    expect((await slots(graceId, inDays(1), inDays(2))).slots).toEqual([]);
    expect((await book(startsAt, ada, graceId)).body).toMatchObject({ code: 'SLOT_UNAVAILABLE' });
  });

  it('keeps admins and anonymous callers out', async () => {
    const admin = (
      await call<{ accessToken: string }>(stack.url, 'POST', '/api/auth/login', {
        body: { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' },
      })
    ).body.accessToken;
    expect(
      (await call(stack.url, 'GET', `/api/appointments?from=${inDays(1)}&to=${inDays(2)}`, { token: admin }))
        .status,
    ).toBe(403);
    expect((await call(stack.url, 'GET', '/api/availability')).status).toBe(401);
  });

  describe('bad input names the field', () => {
    const cases: Array<[string, string, string, unknown, string]> = [
      [
        'PUT',
        '/api/availability',
        'unknown zone',
        { ...allWeek('Mars/Olympus'), timeZone: 'Mars/Olympus' },
        'timeZone',
      ],
      ['PUT', '/api/availability', 'offset instead of zone', allWeek('+02:00'), 'timeZone'],
      [
        'PUT',
        '/api/availability',
        'end before start',
        { ...allWeek('Europe/London'), weekly: [{ weekday: 1, start: '10:00', end: '09:00' }] },
        'weekly.0.end',
      ],
      [
        'PUT',
        '/api/availability',
        'weekday 8',
        { ...allWeek('Europe/London'), weekly: [{ weekday: 8, start: '09:00', end: '10:00' }] },
        'weekly.0.weekday',
      ],
      [
        'PUT',
        '/api/availability',
        'slot of 1 minute',
        { ...allWeek('Europe/London'), slotMinutes: 1 },
        'slotMinutes',
      ],
      [
        'PUT',
        '/api/availability',
        'bad exception date',
        { ...allWeek('Europe/London'), exceptions: [{ date: '2027-02-30x', windows: [] }] },
        'exceptions.0.date',
      ],
      [
        'POST',
        '/api/appointments',
        'missing startsAt',
        { clinicianId: randomUUID(), patient: { name: 'P' } },
        'startsAt',
      ],
      [
        'POST',
        '/api/appointments',
        'startsAt not a date',
        { clinicianId: randomUUID(), startsAt: 'tomorrow', patient: { name: 'P' } },
        'startsAt',
      ],
      [
        'POST',
        '/api/appointments',
        'clinicianId not a uuid',
        { clinicianId: 42, startsAt: inDays(1), patient: { name: 'P' } },
        'clinicianId',
      ],
      [
        'POST',
        '/api/appointments',
        'patient name missing',
        { clinicianId: randomUUID(), startsAt: inDays(1), patient: {} },
        'patient.name',
      ],
      [
        'POST',
        '/api/appointments',
        'bad email',
        { clinicianId: randomUUID(), startsAt: inDays(1), patient: { name: 'P', email: 'not-mail' } },
        'patient.email',
      ],
      [
        'POST',
        '/api/appointments',
        'markup in name',
        { clinicianId: randomUUID(), startsAt: inDays(1), patient: { name: '<script>' } },
        'patient.name',
      ],
    ];
    it.each(cases)('%s %s: %s', async (method, path, _what, body, field) => {
      expect(await call(stack.url, method, path, { token: ada, body })).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', field },
      });
    });

    it.each([
      ['from missing', `/api/clinicians/${randomUUID()}/slots?to=${inDays(1)}`, 'from'],
      ['to before from', `/api/clinicians/${randomUUID()}/slots?from=${inDays(2)}&to=${inDays(1)}`, 'to'],
      [
        'range over 62 days',
        `/api/clinicians/${randomUUID()}/slots?from=${inDays(1)}&to=${inDays(80)}`,
        'to',
      ],
      ['clinician not a uuid', `/api/clinicians/nope/slots?from=${inDays(1)}&to=${inDays(2)}`, 'clinicianId'],
      ['appointments range out of order', `/api/appointments?from=${inDays(2)}&to=${inDays(1)}`, 'to'],
      ['appointment id not a uuid', '/api/appointments/123', 'id'],
    ])('GET: %s', async (_what, path, field) => {
      expect(await call(stack.url, 'GET', path, { token: ada })).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', field },
      });
    });

    it('answers 404 for an unknown clinician and a state-changing call on an unknown appointment', async () => {
      expect(
        await call(
          stack.url,
          'GET',
          `/api/clinicians/${randomUUID()}/slots?from=${inDays(1)}&to=${inDays(2)}`,
          { token: ada },
        ),
      ).toMatchObject({ status: 404, body: { field: 'clinicianId' } });
      expect(
        await call(stack.url, 'POST', `/api/appointments/${randomUUID()}/cancel`, { token: ada, body: {} }),
      ).toMatchObject({ status: 404 });
    });
  });
});
