import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsultImage } from '@teleconsult/protocol';
import { inspectDicom, makeDicom } from '@teleconsult/imaging';
import { DataSource } from 'typeorm';
import { ConsultImageRow } from '../src/imaging/entities/consult-image.entity';
import { API_CONFIG, type ApiConfig } from '../src/config/api-config';
import { DEMO_ADMIN, call, createConsult, loginDemo } from './support/rest-client';
import { connectSignal, type SignalClient } from './support/signal-client';
import { joinAdmitted } from './support/dashboard-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const LIMIT = 256 * 1024;
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.each<Driver>(['sqlite', 'postgres'])('consult images on %s', (driver) => {
  let stack: TestStack;
  let token: string;
  const open: SignalClient[] = [];
  beforeAll(async () => {
    stack = await startTestStack(driver, { IMAGE_MAX_BYTES: String(LIMIT) });
    token = await loginDemo(stack.url);
  });
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  afterAll(() => stack.close());

  const upload = (consultId: string, body: Uint8Array, type: string, name = 'scan.dcm') =>
    fetch(`${stack.url}/api/consults/${consultId}/images?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as ConsultImage & { code?: string; field?: string; message?: string },
    }));
  const stored = async (consultId: string) => {
    const rows = await stack.app.get(DataSource).getRepository(ConsultImageRow).countBy({ consultId });
    const dir = join(stack.app.get<ApiConfig>(API_CONFIG).DATA_DIR, 'images', consultId);
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      files = [];
    }
    return { rows, files: files.length };
  };

  it('stores a multi-frame DICOM de-identified and serves it back to the clinician', async () => {
    const { consult } = await createConsult(stack.url, token);
    const up = await upload(
      consult.id,
      makeDicom({ frames: 3, rows: 16, columns: 16 }),
      'application/dicom',
      'knee US.dcm',
    );
    expect(up).toMatchObject({
      status: 201,
      body: { kind: 'dicom', frames: 3, rows: 16, columns: 16, deidentified: true, fileName: 'knee US.dcm' },
    });
    const file = await fetch(`${stack.url}/api/consults/${consult.id}/images/${up.body.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.headers.get('content-type')).toBe('application/dicom');
    const parsed = inspectDicom(new Uint8Array(await file.arrayBuffer()), LIMIT);
    expect(parsed.dataset.PatientName).toEqual([{ Alphabetic: 'Anonymous' }]);
    expect(parsed.summary.frames).toBe(3);
    const list = await call<ConsultImage[]>(stack.url, 'GET', `/api/consults/${consult.id}/images`, {
      token,
    });
    expect(list.body.map((i) => i.id)).toEqual([up.body.id]);
  });

  it('refuses truncated, non-DICOM, mislabelled and oversized files, storing nothing', async () => {
    const { consult } = await createConsult(stack.url, token);
    const whole = makeDicom();
    expect(await upload(consult.id, whole.subarray(0, 300), 'application/dicom')).toMatchObject({
      status: 400,
      body: { code: 'INVALID_IMAGE', field: 'file' },
    });
    expect(
      await upload(consult.id, Buffer.from('%PDF-1.7 definitely not an image'), 'application/dicom'),
    ).toMatchObject({ status: 400, body: { code: 'INVALID_IMAGE' } });
    expect(await upload(consult.id, PNG_1x1, 'image/jpeg', 'x.jpg')).toMatchObject({
      status: 400,
      body: { code: 'INVALID_IMAGE' },
    });
    expect(await upload(consult.id, new Uint8Array(LIMIT + 1024), 'application/dicom')).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(await upload(consult.id, whole, 'application/pdf')).toMatchObject({ status: 400 });
    expect(await stored(consult.id)).toEqual({ rows: 0, files: 0 });
  });

  it('cleans a malicious file name and accepts PNG', async () => {
    const { consult } = await createConsult(stack.url, token);
    const up = await upload(consult.id, PNG_1x1, 'image/png', '../../../etc/passwd<script>.png');
    expect(up).toMatchObject({
      status: 201,
      body: { kind: 'png', rows: 1, columns: 1, fileName: 'passwdscript.png' },
    });
    const file = await fetch(`${stack.url}/api/consults/${consult.id}/images/${up.body.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="passwdscript.png"');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a compressed DICOM and a huge upload far past the limit, naming why, storing nothing', async () => {
    const { consult } = await createConsult(stack.url, token);
    const jpegLossless = makeDicom({ transferSyntaxUid: '1.2.840.10008.1.2.4.70' });
    const compressed = await upload(consult.id, jpegLossless, 'application/dicom');
    expect(compressed).toMatchObject({ status: 400, body: { code: 'INVALID_IMAGE', field: 'file' } });
    expect(compressed.body.message).toMatch(/transfer syntax 1\.2\.840\.10008\.1\.2\.4\.70 is not supported/);
    // Four times the limit: the body parser stops reading and nothing reaches the store.
    const huge = await upload(consult.id, new Uint8Array(LIMIT * 4), 'application/dicom');
    expect(huge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    // A refusal says what was wrong, never what the file held (no patient name, no path on disk).
    const truncated = await upload(
      consult.id,
      makeDicom({ truncatePixels: 64, patientName: 'Secret^Person' }),
      'application/dicom',
    );
    expect(truncated).toMatchObject({ status: 400, body: { code: 'INVALID_IMAGE' } });
    for (const refusal of [compressed, huge, truncated]) {
      expect(JSON.stringify(refusal.body)).not.toMatch(/Secret|MRN-0042|images\/|DATA_DIR|\/tmp\//);
    }
    expect(await stored(consult.id)).toEqual({ rows: 0, files: 0 });
  });

  it('stores a DICOM with a hostile name under its own id only', async () => {
    const { consult } = await createConsult(stack.url, token);
    const up = await upload(
      consult.id,
      makeDicom(),
      'application/dicom',
      '..\\..\\..\\evil\u202egnp.dcm\u0000.sh',
    );
    expect(up.status).toBe(201);
    for (const hostile of ['\\', '/', '\u0000', '\u202e']) expect(up.body.fileName).not.toContain(hostile);
    const dir = join(stack.app.get<ApiConfig>(API_CONFIG).DATA_DIR, 'images', consult.id);
    expect(readdirSync(dir)).toEqual([`${up.body.id}.dcm`]);
    // Ids that are not UUIDs are refused before any lookup.
    expect(
      await call(stack.url, 'GET', `/api/consults/${consult.id}/images/..%2F..%2Fetc%2Fpasswd`, { token }),
    ).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'imageId' },
    });
  });

  it("gives another clinician nothing of a consult's images, the same refusal as for a missing one", async () => {
    const { consult } = await createConsult(stack.url, token);
    const image = (await upload(consult.id, makeDicom(), 'application/dicom')).body;
    const admin = await loginDemo(stack.url, DEMO_ADMIN);
    const email = `other.${driver}.${Date.now()}@demo.teleconsult`;
    const password = 'another-clinician-2026';
    expect(
      (
        await call(stack.url, 'POST', '/api/admin/clinicians', {
          token: admin,
          body: { email, displayName: 'Dr Other', password },
        })
      ).status,
    ).toBe(201);
    const other = await loginDemo(stack.url, { email, password });
    const theirs = await call(stack.url, 'GET', `/api/consults/${consult.id}/images/${image.id}`, {
      token: other,
    });
    const missing = await call(stack.url, 'GET', `/api/consults/${consult.id}/images/${randomUUID()}`, {
      token: other,
    });
    // Refused at the consult, before any image is looked up: the same answer whether it exists or not.
    expect([403, 404]).toContain(theirs.status);
    expect(theirs.body).toEqual(missing.body);
    expect(JSON.stringify(theirs.body)).not.toContain(image.id);
    const list = await call(stack.url, 'GET', `/api/consults/${consult.id}/images`, { token: other });
    expect([403, 404]).toContain(list.status);
    const upload403 = await fetch(`${stack.url}/api/consults/${consult.id}/images?name=x.dcm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/dicom' },
      body: makeDicom(),
    });
    expect([403, 404]).toContain(upload403.status);
    expect(await stored(consult.id)).toEqual({ rows: 1, files: 1 });
  });

  it('serves nothing across consults, and patients only once admitted', async () => {
    const a = await createConsult(stack.url, token, 'A');
    const b = await createConsult(stack.url, token, 'B');
    const image = (await upload(a.consult.id, makeDicom(), 'application/dicom')).body;
    // The image of consult A asked for under consult B: not found, no leak.
    expect(
      await call(stack.url, 'GET', `/api/consults/${b.consult.id}/images/${image.id}`, { token }),
    ).toMatchObject({ status: 404 });
    // A patient of consult B cannot see A's image with B's link, even once admitted.
    const patientB = await connectSignal(stack.url, { kind: 'patient', joinToken: b.joinToken });
    open.push(patientB);
    // Consult A's patient: refused while waiting, served once admitted.
    expect(await call(stack.url, 'GET', `/api/join/${a.joinToken}/images`)).toMatchObject({
      status: 403,
      body: { code: 'NOT_ADMITTED' },
    });
    const patientA = await connectSignal(stack.url, { kind: 'patient', joinToken: a.joinToken });
    open.push(patientA);
    await joinAdmitted(stack.url, token, a.consult.id, patientA, 'Pat');
    await joinAdmitted(stack.url, token, b.consult.id, patientB, 'Other');
    const listed = await call<ConsultImage[]>(stack.url, 'GET', `/api/join/${a.joinToken}/images`);
    expect(listed.body.map((i) => i.id)).toEqual([image.id]);
    expect((await fetch(`${stack.url}/api/join/${a.joinToken}/images/${image.id}`)).status).toBe(200);
    expect(await call(stack.url, 'GET', `/api/join/${b.joinToken}/images/${image.id}`)).toMatchObject({
      status: 404,
    });
    expect(await call(stack.url, 'GET', `/api/join/forged-token-forged-token/images`)).toMatchObject({
      status: 404,
      body: { code: 'LINK_INVALID' },
    });
  });
});
