import type { CreateConsultResponse, JoinLinkInfo } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { JoinLink } from '../src/consults/entities/join-link.entity';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';
import { call, createConsult, loginDemo } from './support/rest-client';

describe.each<Driver>(['sqlite', 'postgres'])('REST on %s', (driver) => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack(driver);
    token = await loginDemo(stack.url);
  });
  afterAll(() => stack.close());

  it('reports health with database and SFU up', async () => {
    const { status, body } = await call(stack.url, 'GET', '/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: 'up', sfu: 'up' });
  });

  it('signs in the demo clinician and refuses wrong credentials with one message', async () => {
    const me = await call(stack.url, 'GET', '/api/auth/me', { token });
    expect(me.body).toMatchObject({ email: 'dr.ada@demo.teleconsult', role: 'clinician' });
    const wrongPassword = await call(stack.url, 'POST', '/api/auth/login', {
      body: { email: 'dr.ada@demo.teleconsult', password: 'nope' },
    });
    const unknownEmail = await call(stack.url, 'POST', '/api/auth/login', {
      body: { email: 'nobody@demo.teleconsult', password: 'nope' },
    });
    expect(wrongPassword).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(unknownEmail.body.message).toBe(wrongPassword.body.message);
  });

  it('refuses a tampered access token', async () => {
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect(await call(stack.url, 'GET', '/api/consults', { token: tampered })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    });
    expect(await call(stack.url, 'GET', '/api/consults')).toMatchObject({ status: 401 });
  });

  it('keeps the admin out of clinician routes', async () => {
    const admin = await call<{ accessToken: string }>(stack.url, 'POST', '/api/auth/login', {
      body: { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' },
    });
    expect(await call(stack.url, 'GET', '/api/consults', { token: admin.body.accessToken })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
  });

  it('creates a consult with a patient link that greets the patient', async () => {
    const created = await createConsult(stack.url, token, 'Wound check');
    expect(created.consult).toMatchObject({
      title: 'Wound check',
      status: 'scheduled',
      patientName: 'Pat Example',
    });
    expect(created.patientLink.url).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    const info = await call<JoinLinkInfo>(stack.url, 'GET', `/api/join/${created.joinToken}`);
    expect(info).toMatchObject({
      status: 200,
      body: { consultTitle: 'Wound check', clinicianName: 'Dr Ada Lovelace' },
    });
    const list = await call<unknown[]>(stack.url, 'GET', '/api/consults', { token });
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.consult.id })]));
  });

  it('answers forged, revoked and ended links each with their own code', async () => {
    expect(await call(stack.url, 'GET', '/api/join/forged-token')).toMatchObject({
      status: 404,
      body: { code: 'LINK_INVALID' },
    });
    const wellFormedButUnknown = 'A'.repeat(43);
    expect(await call(stack.url, 'GET', `/api/join/${wellFormedButUnknown}`)).toMatchObject({
      status: 404,
      body: { code: 'LINK_INVALID' },
    });

    const created = await createConsult(stack.url, token);
    const reissued = await call<{ url: string }>(
      stack.url,
      'POST',
      `/api/consults/${created.consult.id}/patient-link`,
      { token },
    );
    expect(await call(stack.url, 'GET', `/api/join/${created.joinToken}`)).toMatchObject({
      status: 410,
      body: { code: 'LINK_REVOKED' },
    });
    const fresh = reissued.body.url.split('/join/')[1]!;
    expect((await call(stack.url, 'GET', `/api/join/${fresh}`)).status).toBe(200);

    await call(stack.url, 'POST', `/api/consults/${created.consult.id}/end`, { token });
    expect(await call(stack.url, 'GET', `/api/join/${fresh}`)).toMatchObject({
      status: 410,
      body: { code: 'CONSULT_ENDED' },
    });
  });

  it('answers an expired link with LINK_EXPIRED', async () => {
    const created = await createConsult(stack.url, token);
    expect((await call(stack.url, 'GET', `/api/join/${created.joinToken}`)).status).toBe(200);
    await stack.app
      .get(DataSource)
      .getRepository(JoinLink)
      .update({ consultId: created.consult.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await call(stack.url, 'GET', `/api/join/${created.joinToken}`)).toMatchObject({
      status: 410,
      body: { code: 'LINK_EXPIRED' },
    });
  });

  it('issues links that live JOIN_LINK_TTL_HOURS', async () => {
    const { patientLink } = await createConsult(stack.url, token);
    const ttlMs = Date.parse(patientLink.expiresAt) - Date.now();
    expect(ttlMs).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(ttlMs).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('names the field of a bad body, and refuses malformed and oversized JSON', async () => {
    expect(await call(stack.url, 'POST', '/api/consults', { token, body: { title: 42 } })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'title' },
    });
    expect(
      await call(stack.url, 'POST', '/api/consults', { token, body: { title: 'x'.repeat(121) } }),
    ).toMatchObject({
      status: 400,
      body: { field: 'title' },
    });
    expect(
      await call(stack.url, 'POST', '/api/consults', {
        token,
        body: { title: 'ok', patientName: '<script>' },
      }),
    ).toMatchObject({
      status: 400,
      body: { field: 'patientName' },
    });
    expect(
      await call(stack.url, 'POST', '/api/auth/login', { body: { email: 'not-an-email', password: 'x' } }),
    ).toMatchObject({
      status: 400,
      body: { field: 'email' },
    });
    expect(await call(stack.url, 'POST', '/api/consults', { token, rawBody: '{"title":' })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    expect(
      await call(stack.url, 'POST', '/api/consults', {
        token,
        body: { title: 'x', padding: 'y'.repeat(100_000) },
      }),
    ).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(await call(stack.url, 'GET', '/api/consults/not-a-uuid', { token })).toMatchObject({
      status: 400,
      body: { field: 'id' },
    });
  });

  it('hides other clinicians’ consults behind the same 404 as missing ones', async () => {
    const created = await createConsult(stack.url, token);
    const missing = await call(stack.url, 'GET', `/api/consults/00000000-0000-4000-8000-000000000000`, {
      token,
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(
      (
        await call<CreateConsultResponse['consult']>(
          stack.url,
          'GET',
          `/api/consults/${created.consult.id}`,
          { token },
        )
      ).body.id,
    ).toBe(created.consult.id);
  });
});
