import type { AuditPage, ClinicianAccount, LoginResponse } from '@teleconsult/protocol';
import { call } from './support/rest-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const ADMIN = { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' };
const CLINICIAN = { email: 'dr.ada@demo.teleconsult', password: 'consult-demo-2026' };

/** Signs in with fetch and keeps the refresh cookie, as a browser would. */
async function signIn(url: string, account: { email: string; password: string }) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const cookie = response.headers.get('set-cookie') ?? '';
  return {
    status: response.status,
    body: (await response.json()) as LoginResponse,
    cookie,
    refresh: cookie.split(';')[0]!,
  };
}
const refresh = (url: string, cookie: string) =>
  fetch(`${url}/api/auth/refresh`, { method: 'POST', headers: { cookie } }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as LoginResponse & { code?: string },
    refresh: (r.headers.get('set-cookie') ?? '').split(';')[0]!,
  }));

describe.each<Driver>(['sqlite', 'postgres'])('accounts on %s', (driver) => {
  let stack: TestStack;
  let admin: string;
  beforeAll(async () => {
    stack = await startTestStack(driver);
    admin = (await signIn(stack.url, ADMIN)).body.accessToken;
  });
  afterAll(() => stack.close());

  it('sets an httpOnly, SameSite=Strict refresh cookie scoped to /api/auth', async () => {
    const { cookie } = await signIn(stack.url, CLINICIAN);
    expect(cookie).toMatch(/^tc_refresh=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
  });

  it('rotates the refresh token, and a reused one ends the whole session', async () => {
    const first = await signIn(stack.url, CLINICIAN);
    const second = await refresh(stack.url, first.refresh);
    expect(second.status).toBe(200);
    expect(second.refresh).not.toBe(first.refresh);
    expect((await call(stack.url, 'GET', '/api/auth/me', { token: second.body.accessToken })).status).toBe(
      200,
    );
    // The first cookie again: someone copied it. The session ends, for both holders.
    expect((await refresh(stack.url, first.refresh)).status).toBe(401);
    expect((await refresh(stack.url, second.refresh)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 2_100)); // the "session active" cache lives 2 s
    expect((await call(stack.url, 'GET', '/api/auth/me', { token: second.body.accessToken })).status).toBe(
      401,
    );
  });

  it('logout revokes the access token and the refresh cookie at once', async () => {
    const session = await signIn(stack.url, CLINICIAN);
    const out = await fetch(`${stack.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.body.accessToken}` },
    });
    expect(out.status).toBe(204);
    expect(await call(stack.url, 'GET', '/api/consults', { token: session.body.accessToken })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    });
    expect((await refresh(stack.url, session.refresh)).status).toBe(401);
  });

  it('refuses a refresh without or with a forged cookie', async () => {
    expect((await refresh(stack.url, '')).status).toBe(401);
    expect((await refresh(stack.url, 'tc_refresh=00000000-0000-4000-8000-000000000000.forged')).status).toBe(
      401,
    );
    expect((await refresh(stack.url, 'tc_refresh=garbage')).status).toBe(401);
  });

  it('keeps clinicians out of admin routes and admins out of patient data', async () => {
    const clinician = (await signIn(stack.url, CLINICIAN)).body.accessToken;
    expect((await call(stack.url, 'GET', '/api/admin/clinicians', { token: clinician })).status).toBe(403);
    expect((await call(stack.url, 'GET', '/api/admin/audit', { token: clinician })).status).toBe(403);
    expect((await call(stack.url, 'GET', '/api/admin/clinicians')).status).toBe(401);
    for (const path of ['/api/consults', '/api/availability', '/api/clinicians'])
      expect((await call(stack.url, 'GET', path, { token: admin })).status).toBe(403);
  });

  it('creates a clinician who can sign in; a duplicate e-mail is a conflict; bad input names the field', async () => {
    const created = await call<ClinicianAccount>(stack.url, 'POST', '/api/admin/clinicians', {
      token: admin,
      body: {
        email: 'Dr.Mary@Test.Teleconsult',
        displayName: 'Dr Mary Seacole',
        password: 'a long enough passphrase',
      },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { email: 'dr.mary@test.teleconsult', disabledAt: null },
    });
    expect(
      (await signIn(stack.url, { email: 'dr.mary@test.teleconsult', password: 'a long enough passphrase' }))
        .status,
    ).toBe(200);
    expect(
      await call(stack.url, 'POST', '/api/admin/clinicians', {
        token: admin,
        body: {
          email: 'dr.mary@test.teleconsult',
          displayName: 'Again',
          password: 'a long enough passphrase',
        },
      }),
    ).toMatchObject({ status: 409, body: { code: 'CONFLICT', field: 'email' } });
    for (const [body, field] of [
      [{ email: 'x@example.org', displayName: 'Dr X', password: 'short' }, 'password'],
      [{ email: 'not-mail', displayName: 'Dr X', password: 'a long enough passphrase' }, 'email'],
      [{ email: 'x@example.org', displayName: '<b>', password: 'a long enough passphrase' }, 'displayName'],
    ] as const)
      expect(await call(stack.url, 'POST', '/api/admin/clinicians', { token: admin, body })).toMatchObject({
        status: 400,
        body: { field },
      });
  });

  it('disabling an account ends its sessions and refuses sign-in; enabling restores it', async () => {
    const account = (
      await call<ClinicianAccount>(stack.url, 'POST', '/api/admin/clinicians', {
        token: admin,
        body: {
          email: 'dr.joan@test.teleconsult',
          displayName: 'Dr Joan Clarke',
          password: 'another long passphrase',
        },
      })
    ).body;
    const session = await signIn(stack.url, {
      email: 'dr.joan@test.teleconsult',
      password: 'another long passphrase',
    });
    expect(
      (await call(stack.url, 'POST', `/api/admin/clinicians/${account.id}/disable`, { token: admin })).status,
    ).toBe(200);
    expect((await call(stack.url, 'GET', '/api/auth/me', { token: session.body.accessToken })).status).toBe(
      401,
    );
    expect((await refresh(stack.url, session.refresh)).status).toBe(401);
    expect(
      await signIn(stack.url, { email: 'dr.joan@test.teleconsult', password: 'another long passphrase' }),
    ).toMatchObject({ status: 403 });
    await call(stack.url, 'POST', `/api/admin/clinicians/${account.id}/enable`, { token: admin });
    expect(
      (await signIn(stack.url, { email: 'dr.joan@test.teleconsult', password: 'another long passphrase' }))
        .status,
    ).toBe(200);
  });

  it('pages through the audit trail newest first with filters, and audits the reading', async () => {
    const first = await call<AuditPage>(stack.url, 'GET', '/api/admin/audit?action=auth.login&limit=2', {
      token: admin,
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.every((e) => e.action === 'auth.login')).toBe(true);
    expect(Date.parse(first.body.items[0]!.at)).toBeGreaterThanOrEqual(Date.parse(first.body.items[1]!.at));
    const second = await call<AuditPage>(
      stack.url,
      'GET',
      `/api/admin/audit?action=auth.login&limit=2&cursor=${first.body.nextCursor}`,
      { token: admin },
    );
    const seen = new Set(first.body.items.map((e) => e.id));
    expect(second.body.items.length).toBeGreaterThan(0);
    expect(second.body.items.some((e) => seen.has(e.id))).toBe(false);
    const viewed = await call<AuditPage>(stack.url, 'GET', '/api/admin/audit?action=audit.viewed&limit=5', {
      token: admin,
    });
    expect(viewed.body.items.length).toBeGreaterThanOrEqual(2);
    expect(await call(stack.url, 'GET', '/api/admin/audit?cursor=bm9wZQ', { token: admin })).toMatchObject({
      status: 400,
      body: { field: 'cursor' },
    });
    expect(await call(stack.url, 'GET', '/api/admin/audit?limit=5000', { token: admin })).toMatchObject({
      status: 400,
      body: { field: 'limit' },
    });
    expect(await call(stack.url, 'GET', '/api/admin/audit?consultId=nope', { token: admin })).toMatchObject({
      status: 400,
      body: { field: 'consultId' },
    });
  });

  it('throttles password guessing per account with 429 and Retry-After, and audits it', async () => {
    const guess = () =>
      fetch(`${stack.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'dr.ada@demo.teleconsult', password: 'wrong guess' }),
      });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await guess()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits: the limit is on the account, not on wrong answers only.
    expect((await signIn(stack.url, CLINICIAN)).status).toBe(429);
    const throttled = await call<AuditPage>(
      stack.url,
      'GET',
      '/api/admin/audit?action=auth.login_throttled',
      { token: admin },
    );
    expect(throttled.body.items.length).toBeGreaterThan(0);
  });
});
