import type {
  ConsultMembership,
  ConsultReport,
  CreateInvitationResponse,
  FhirBundle,
  Invitation,
  InvitedConsult,
  JoinResult,
  LoginResponse,
  TransportOptions,
} from '@teleconsult/protocol';
import { makeDicom } from '@teleconsult/imaging';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import { ConsultInvitation } from '../src/invitations/entities/consult-invitation.entity';
import { connectDashboard, joinAdmitted } from './support/dashboard-client';
import { DEMO_ADMIN, call, createConsult, loginDemo } from './support/rest-client';
import { connectSignal, dataOf, type SignalClient } from './support/signal-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const opus = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: 'e2e', reducedSize: true },
});

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Clinician {
  id: string;
  name: string;
  token: string;
}

describe.each<Driver>(['sqlite', 'postgres'])('specialist invitations on %s', (driver) => {
  let stack: TestStack;
  let owner: Clinician;
  let adminToken: string;
  let accounts = 0;
  const open: Array<{ close(): void }> = [];
  const track = <T extends { close(): void }>(client: T): T => {
    open.push(client);
    return client;
  };

  /** A fresh clinician account (created by the admin), signed in. */
  const newClinician = async (name = `Dr Specialist ${accounts + 1}`): Promise<Clinician> => {
    accounts += 1;
    const email = `specialist${accounts}.${driver}@test.teleconsult`;
    const password = 'a long enough passphrase';
    const created = await call<{ id: string }>(stack.url, 'POST', '/api/admin/clinicians', {
      token: adminToken,
      body: { email, displayName: name, password },
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    const login = await call<LoginResponse>(stack.url, 'POST', '/api/auth/login', {
      body: { email, password },
    });
    return { id: created.body.id, name, token: login.body.accessToken };
  };
  const inviteAccount = (consultId: string, clinicianId: string, token = owner.token) =>
    call<CreateInvitationResponse>(stack.url, 'POST', `/api/consults/${consultId}/invitations`, {
      token,
      body: { kind: 'account', clinicianId },
    });
  const inviteLink = async (consultId: string) => {
    const created = await call<CreateInvitationResponse>(
      stack.url,
      'POST',
      `/api/consults/${consultId}/invitations`,
      { token: owner.token, body: { kind: 'link' } },
    );
    expect(created.status).toBe(201);
    return { ...created.body, token: created.body.url!.split('/invite/')[1]! };
  };
  const redeem = (token: string, as: Clinician) =>
    call<{ consultId: string }>(stack.url, 'POST', '/api/invitations/redeem', {
      token: as.token,
      body: { token },
    });
  const signal = async (who: Clinician, consultId: string) =>
    track(await connectSignal(stack.url, { kind: 'clinician', accessToken: who.token, consultId }));
  const join = async (client: SignalClient) =>
    dataOf<JoinResult>(await client.request('room:join', { displayName: 'ignored' }));
  const actions = async (consultId: string) =>
    (await stack.app.get(AuditService).forConsult(consultId)).map((e) => ({
      action: e.action,
      actorId: e.actorId,
      detail: e.detail,
    }));

  beforeAll(async () => {
    stack = await startTestStack(driver);
    adminToken = await loginDemo(stack.url, DEMO_ADMIN);
    const me = await call<{ id: string; displayName: string }>(stack.url, 'GET', '/api/auth/me', {
      token: await loginDemo(stack.url),
    });
    owner = { id: me.body.id, name: me.body.displayName, token: await loginDemo(stack.url) };
  });
  afterEach(() => open.splice(0).forEach((c) => c.close()));
  afterAll(() => stack.close());

  it('invites a colleague by account: it shows on their dashboard, they join directly and receive media', async () => {
    const specialist = await newClinician('Dr Grace Hopper');
    const { consult } = await createConsult(stack.url, owner.token);
    const board = track(await connectDashboard(stack.url, { accessToken: specialist.token }));
    expect(
      (await call<InvitedConsult[]>(stack.url, 'GET', '/api/invitations', { token: specialist.token })).body,
    ).toEqual([]);

    const invited = await inviteAccount(consult.id, specialist.id);
    expect(invited).toMatchObject({
      status: 201,
      body: {
        url: null,
        invitation: {
          kind: 'account',
          inviteeId: specialist.id,
          inviteeName: 'Dr Grace Hopper',
          status: 'accepted',
        },
      },
    });
    await board.next('invitations:changed');
    expect(
      (await call<InvitedConsult[]>(stack.url, 'GET', '/api/invitations', { token: specialist.token })).body,
    ).toEqual([
      expect.objectContaining({
        consult: expect.objectContaining({ id: consult.id }),
        ownerName: owner.name,
      }),
    ]);
    expect(
      (
        await call<ConsultMembership>(stack.url, 'GET', `/api/consults/${consult.id}/membership`, {
          token: specialist.token,
        })
      ).body,
    ).toMatchObject({ access: 'invited', ownerName: owner.name, consult: { id: consult.id } });
    expect(await inviteAccount(consult.id, specialist.id)).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT' },
    });

    const ownerSocket = await signal(owner, consult.id);
    const ownerJoin = await join(ownerSocket);
    const specialistSocket = await signal(specialist, consult.id);
    const joined = await join(specialistSocket);
    expect(joined).toMatchObject({
      status: 'joined',
      self: { displayName: 'Dr Grace Hopper', role: 'clinician' },
    });
    expect(joined.peers).toEqual([expect.objectContaining({ displayName: owner.name })]);
    expect(await ownerSocket.next('peer:joined')).toMatchObject({ peer: { displayName: 'Dr Grace Hopper' } });

    const send = dataOf<TransportOptions>(
      await ownerSocket.request('transport:create', { direction: 'send' }),
    );
    const { producerId } = dataOf<{ producerId: string }>(
      await ownerSocket.request('producer:create', {
        transportId: send.transportId,
        kind: 'audio',
        rtpParameters: opus(4242),
        source: 'microphone',
      }),
    );
    const recv = dataOf<TransportOptions>(
      await specialistSocket.request('transport:create', { direction: 'recv' }),
    );
    expect(
      await specialistSocket.request('consumer:create', {
        transportId: recv.transportId,
        producerId,
        rtpCapabilities: joined.routerRtpCapabilities,
      }),
    ).toMatchObject({
      ok: true,
      data: { kind: 'audio', peerId: ownerJoin.self.peerId, source: 'microphone' },
    });

    expect(await actions(consult.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'invitation.created',
          actorId: owner.id,
          detail: expect.objectContaining({ inviteeId: specialist.id }),
        }),
        expect.objectContaining({
          action: 'room.joined',
          actorId: specialist.id,
          detail: expect.objectContaining({ access: 'invited' }),
        }),
      ]),
    );
  });

  it('refuses a clinician who was not invited, on the socket and on REST', async () => {
    const stranger = await newClinician();
    const { consult } = await createConsult(stack.url, owner.token);
    await expect(
      connectSignal(stack.url, { kind: 'clinician', accessToken: stranger.token, consultId: consult.id }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    for (const path of ['membership', 'fhir', 'images'])
      expect(
        await call(stack.url, 'GET', `/api/consults/${consult.id}/${path}`, { token: stranger.token }),
      ).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN' },
      });
    expect(await inviteAccount(consult.id, stranger.id, stranger.token)).toMatchObject({ status: 404 });
  });

  it("gives an invitee the room but not the owner's powers: no end, no patient link, no notes, no admitting, no private threads", async () => {
    const specialist = await newClinician();
    const { consult, joinToken } = await createConsult(stack.url, owner.token);
    await inviteAccount(consult.id, specialist.id);
    const specialistSocket = await signal(specialist, consult.id);
    await join(specialistSocket);

    const patient = track(await connectSignal(stack.url, { kind: 'patient', joinToken }));
    const waiting = dataOf<{ status: string; participantId: string }>(
      await patient.request('room:join', { displayName: 'Pat' }),
    );
    expect(waiting.status).toBe('waiting');
    expect(
      await specialistSocket.request('lobby:admit', { participantId: waiting.participantId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await specialistSocket.request('chat:send', { text: 'psst', privateTo: waiting.participantId }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'privateTo' } });
    // The waiting list is the owner's: nothing about the waiting patient reached the invitee.
    expect(specialistSocket.notifications.filter((n) => n.type === 'lobby:changed')).toEqual([]);

    for (const [method, path] of [
      ['POST', 'end'],
      ['POST', 'patient-link'],
      ['GET', 'notes'],
      ['GET', 'summary'],
      ['GET', 'invitations'],
    ] as const) {
      const response = await call(stack.url, method, `/api/consults/${consult.id}/${path}`, {
        token: specialist.token,
      });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect(await inviteAccount(consult.id, owner.id, specialist.token)).toMatchObject({ status: 404 });
    const status = await call<{ status: string }>(stack.url, 'GET', `/api/consults/${consult.id}`, {
      token: owner.token,
    });
    expect(status.body.status).not.toBe('ended');
    expect(
      (await call(stack.url, 'GET', `/api/consults/${consult.id}/images`, { token: specialist.token }))
        .status,
    ).toBe(200);
  });

  it('a one-time link: the first clinician to redeem it joins; a second redemption, an expired and a revoked link are refused', async () => {
    const first = await newClinician('Dr External');
    const second = await newClinician();
    const { consult } = await createConsult(stack.url, owner.token);
    const link = await inviteLink(consult.id);
    expect(link.invitation).toMatchObject({ kind: 'link', status: 'pending', inviteeId: null });
    expect(link.url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const row = await stack.app
      .get(DataSource)
      .getRepository(ConsultInvitation)
      .findOneByOrFail({ id: link.invitation.id });
    expect(row.tokenHash).toHaveLength(64);
    expect(row.tokenHash).not.toContain(link.token);

    await expect(
      connectSignal(stack.url, { kind: 'clinician', accessToken: first.token, consultId: consult.id }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    expect(await redeem(link.token, first)).toMatchObject({ status: 200, body: { consultId: consult.id } });
    expect(await redeem(link.token, first)).toMatchObject({ status: 200 });
    expect(await redeem(link.token, second)).toMatchObject({
      status: 409,
      body: { code: 'INVITATION_USED' },
    });
    expect(await redeem('x'.repeat(43), second)).toMatchObject({
      status: 404,
      body: { code: 'LINK_INVALID' },
    });
    const joined = await join(await signal(first, consult.id));
    expect(joined.self.displayName).toBe('Dr External');
    await expect(
      connectSignal(stack.url, { kind: 'clinician', accessToken: second.token, consultId: consult.id }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });

    const expired = await inviteLink(consult.id);
    await stack.app
      .get(DataSource)
      .getRepository(ConsultInvitation)
      .update({ id: expired.invitation.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await redeem(expired.token, second)).toMatchObject({
      status: 410,
      body: { code: 'LINK_EXPIRED' },
    });

    const revoked = await inviteLink(consult.id);
    await call(stack.url, 'POST', `/api/consults/${consult.id}/invitations/${revoked.invitation.id}/revoke`, {
      token: owner.token,
    });
    expect(await redeem(revoked.token, second)).toMatchObject({
      status: 410,
      body: { code: 'LINK_REVOKED' },
    });

    const list = await call<Invitation[]>(stack.url, 'GET', `/api/consults/${consult.id}/invitations`, {
      token: owner.token,
    });
    expect(list.body.map((i) => i.status)).toEqual(['accepted', 'expired', 'revoked']);
    expect((await actions(consult.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'invitation.created',
        'invitation.redeemed',
        'invitation.revoked',
        'room.joined',
      ]),
    );
  });

  it('revoking an invitation removes the invitee from the room and keeps them out', async () => {
    const specialist = await newClinician();
    const { consult } = await createConsult(stack.url, owner.token);
    const { body } = await inviteAccount(consult.id, specialist.id);
    const ownerSocket = await signal(owner, consult.id);
    await join(ownerSocket);
    const specialistSocket = await signal(specialist, consult.id);
    const joined = await join(specialistSocket);
    const board = track(await connectDashboard(stack.url, { accessToken: specialist.token }));

    const revoked = await call<Invitation>(
      stack.url,
      'POST',
      `/api/consults/${consult.id}/invitations/${body.invitation.id}/revoke`,
      { token: owner.token },
    );
    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });
    expect(await specialistSocket.next('room:closed')).toMatchObject({
      reason: expect.stringContaining('withdrew'),
    });
    await ownerSocket.next('peer:left');
    expect(ownerSocket.notifications).toContainEqual({ type: 'peer:left', peerId: joined.self.peerId });
    await board.next('invitations:changed');
    await expect(
      connectSignal(stack.url, { kind: 'clinician', accessToken: specialist.token, consultId: consult.id }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    expect(
      (await call<InvitedConsult[]>(stack.url, 'GET', '/api/invitations', { token: specialist.token })).body,
    ).toEqual([]);
  });

  it(`refuses a ninth participant with ROOM_FULL`, async () => {
    const { consult, joinToken } = await createConsult(stack.url, owner.token);
    const ownerSocket = await signal(owner, consult.id);
    await join(ownerSocket);
    const patient = track(await connectSignal(stack.url, { kind: 'patient', joinToken }));
    await joinAdmitted(stack.url, owner.token, consult.id, patient);
    for (let i = 0; i < 6; i += 1) {
      const colleague = await newClinician();
      await inviteAccount(consult.id, colleague.id);
      await join(await signal(colleague, consult.id));
    }
    const ninth = await newClinician();
    await inviteAccount(consult.id, ninth.id);
    const socket = await signal(ninth, consult.id);
    expect(await socket.request('room:join', { displayName: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'ROOM_FULL' },
    });
    // Someone leaves: there is room again.
    patient.close();
    await ownerSocket.next('peer:left');
    expect(await socket.request('room:join', { displayName: 'x' })).toMatchObject({ ok: true });
  }, 60_000);

  it('exports the consult as a FHIR R4 Bundle (Encounter, Appointment, Practitioners, ImagingStudy, DocumentReference), audited', async () => {
    const specialist = await newClinician('Dr Rosalind Franklin');
    const { consult } = await createConsult(stack.url, owner.token);
    await inviteAccount(consult.id, specialist.id);
    await join(await signal(owner, consult.id));
    await join(await signal(specialist, consult.id));
    const upload = (body: Uint8Array, type: string, name: string) =>
      fetch(`${stack.url}/api/consults/${consult.id}/images?name=${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': type },
        body,
      }).then((r) => r.json() as Promise<{ id: string }>);
    const dicom = await upload(makeDicom({ rows: 8, columns: 8 }), 'application/dicom', 'ct.dcm');
    const png = await upload(PNG_1x1, 'image/png', 'photo.png');

    const response = await fetch(`${stack.url}/api/consults/${consult.id}/fhir`, {
      headers: { authorization: `Bearer ${specialist.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = (await response.json()) as FhirBundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const byType = (type: string) =>
      bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    const [encounter] = byType('Encounter') as Array<Record<string, unknown>>;
    expect(encounter).toMatchObject({
      id: consult.id,
      status: 'in-progress',
      class: { code: 'VR', system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode' },
      subject: { display: 'Pat Example' },
      appointment: [{ reference: expect.stringMatching(/^Appointment\//) }],
      period: { start: expect.any(String) },
    });
    expect(encounter!.participant).toEqual([
      expect.objectContaining({
        type: [{ coding: [expect.objectContaining({ code: 'PPRF' })] }],
        individual: { reference: `Practitioner/${owner.id}`, display: owner.name },
        period: { start: expect.any(String) },
      }),
      expect.objectContaining({
        type: [{ coding: [expect.objectContaining({ code: 'CON' })] }],
        individual: { reference: `Practitioner/${specialist.id}`, display: 'Dr Rosalind Franklin' },
      }),
    ]);
    expect(byType('Appointment')).toHaveLength(1);
    expect(
      byType('Practitioner')
        .map((p) => p.id)
        .sort(),
    ).toEqual([owner.id, specialist.id].sort());
    const [study] = byType('ImagingStudy') as Array<Record<string, unknown>>;
    expect(study).toMatchObject({
      id: dicom.id,
      status: 'available',
      encounter: { reference: `Encounter/${consult.id}` },
      identifier: [{ system: 'urn:dicom:uid', value: expect.stringMatching(/^urn:oid:[\d.]+$/) }],
      numberOfSeries: 1,
      numberOfInstances: 1,
      series: [
        expect.objectContaining({
          uid: expect.stringMatching(/^[\d.]+$/),
          modality: expect.objectContaining({ code: 'US' }),
          instance: [expect.objectContaining({ uid: expect.stringMatching(/^[\d.]+$/) })],
        }),
      ],
    });
    expect(byType('DocumentReference')).toEqual([
      expect.objectContaining({
        id: png.id,
        status: 'current',
        content: [
          {
            attachment: expect.objectContaining({
              contentType: 'image/png',
              title: 'photo.png',
              size: PNG_1x1.length,
            }),
          },
        ],
        context: { encounter: [{ reference: `Encounter/${consult.id}` }] },
      }),
    ]);
    expect(await actions(consult.id)).toContainEqual(
      expect.objectContaining({ action: 'consult.exported', actorId: specialist.id }),
    );

    const summary = await call<ConsultReport>(stack.url, 'GET', `/api/consults/${consult.id}/summary`, {
      token: owner.token,
    });
    expect(summary.body.images.map((i) => i.id)).toEqual([dicom.id, png.id]);
  });
});
