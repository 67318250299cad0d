import { type BedRunner, createLogger, startBed } from '@teleconsult/bedside-sim';
import type { BedView, RtpCapabilities, TransportOptions } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import {
  type BedsideClient,
  type StationClient,
  type TestWard,
  connectBedside,
  connectStation,
  createTestWard,
} from './support/icu-clients';
import { loginDemo } from './support/rest-client';
import { dataOf } from './support/signal-client';
import { startTestStack, type TestStack } from './support/test-stack';

const opus = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: 'talk-e2e', reducedSize: true },
});
const vp8 = (ssrc: number) => ({
  mid: '1',
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: 'talk-e2e', reducedSize: true },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('remote ICU talk-down', () => {
  let stack: TestStack;
  let clinician: string;
  let colleague: string;
  let ward: TestWard;
  const open: Array<StationClient | BedsideClient> = [];
  const track = <T extends StationClient | BedsideClient>(client: T): T => {
    open.push(client);
    return client;
  };
  const station = async (token = clinician, subscribe = true) => {
    const client = track(await connectStation(stack.url, token));
    if (!subscribe) return { client, rtpCapabilities: null as unknown as RtpCapabilities };
    const { rtpCapabilities } = dataOf<{ beds: BedView[]; rtpCapabilities: RtpCapabilities }>(
      await client.request('ward:subscribe', { wardId: ward.wardId }),
    );
    return { client, rtpCapabilities };
  };
  const bedside = async (i: number) => {
    const client = track(await connectBedside(stack.url, ward.beds[i]!.deviceToken));
    await client.next('welcome');
    return client;
  };
  const bedView = (client: StationClient, bedId: string, where: (bed: BedView) => boolean) =>
    client.next('bed:changed', (n) => n.bed.id === bedId && where(n.bed));
  const audits = (action: string) => stack.app.get(DataSource).getRepository(AuditEvent).findBy({ action });

  beforeAll(async () => {
    stack = await startTestStack('sqlite');
    clinician = await loginDemo(stack.url);
    // The same clinician at a second station: one talker per bed, whoever it is.
    colleague = await loginDemo(stack.url);
    ward = await createTestWard(stack.url, 4, 'ICU Talk');
  }, 60_000);
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('opens a talk-down to an online bed, plays it at the bedside, lets only the talker hear the bed, and audits it', async () => {
    const bedId = ward.beds[0]!.bedId;
    const outsider = await station(clinician, false);
    expect(await outsider.client.request('talk:start', { bedId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'subscribe to the ward first' },
    });

    const talker = await station();
    // No device yet: nobody would hear it.
    expect(await talker.client.request('talk:start', { bedId })).toMatchObject({
      ok: false,
      error: { code: 'BED_OFFLINE', field: 'bedId' },
    });
    const device = await bedside(0);
    // The bedside microphone stays off while nobody talks to the bed.
    const deviceSend = dataOf<TransportOptions>(
      await device.request('transport:create', { direction: 'send' }),
    );
    expect(
      await device.request('producer:create', {
        transportId: deviceSend.transportId,
        kind: 'audio',
        rtpParameters: opus(3333),
        source: 'microphone',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'source' } });

    const talk = dataOf<TransportOptions>(await talker.client.request('talk:start', { bedId }));
    expect(talk.transportId).toEqual(expect.any(String));
    expect(talk.iceCandidates.length).toBeGreaterThan(0);
    expect(talk.dtlsParameters.fingerprints.length).toBeGreaterThan(0);

    // One talker per bed: a second station gets a specific error naming who talks.
    const other = await station(colleague);
    const busy = await other.client.request('talk:start', { bedId });
    expect(busy).toMatchObject({ ok: false, error: { code: 'TALK_BUSY', field: 'bedId' } });
    expect(busy.ok === false && busy.error.message).toMatch(/is already talking to this bed/);

    // Malformed or foreign media parameters never reach the SFU.
    expect(
      await talker.client.request('talk:produce', {
        transportId: talk.transportId,
        rtpParameters: { codecs: 'opus' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'rtpParameters.codecs' } });
    expect(
      await talker.client.request('talk:produce', { transportId: 'not-a-talk', rtpParameters: opus(1111) }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'transportId' } });
    expect(
      await other.client.request('talk:produce', {
        transportId: talk.transportId,
        rtpParameters: opus(1111),
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'transportId' } });
    expect(
      await talker.client.request('talk:produce', {
        transportId: talk.transportId,
        rtpParameters: {
          ...opus(1111),
          codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 8000 }],
        },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_MEDIA_PARAMETERS' } });

    const { producerId } = dataOf<{ producerId: string }>(
      await talker.client.request('talk:produce', {
        transportId: talk.transportId,
        rtpParameters: opus(1111),
      }),
    );
    const incoming = await device.next('talk:incoming');
    expect(incoming).toEqual({ type: 'talk:incoming', producerId, clinician: expect.any(String) });
    const talking = await bedView(other.client, bedId, (b) => b.talk !== null);
    expect(talking.bed.talk).toEqual({ clinician: incoming.clinician, since: expect.any(String) });

    // The device consumes that producer and nothing else.
    const { rtpCapabilities } = dataOf<{ rtpCapabilities: RtpCapabilities }>(
      await device.request('media:capabilities', {}),
    );
    const deviceRecv = dataOf<TransportOptions>(
      await device.request('transport:create', { direction: 'recv' }),
    );
    expect(
      await device.request('consumer:create', {
        transportId: deviceRecv.transportId,
        producerId: 'someone-else',
        rtpCapabilities,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'producerId' } });
    const consumed = await device.request('consumer:create', {
      transportId: deviceRecv.transportId,
      producerId,
      rtpCapabilities,
    });
    expect(consumed).toMatchObject({ ok: true, data: { kind: 'audio', producerId, source: 'microphone' } });
    const consumerId = dataOf<{ consumerId: string }>(consumed).consumerId;
    expect(await device.request('consumer:resume', { consumerId })).toEqual({ ok: true, data: {} });

    // Talk-back: now the bedside microphone may go on, and only the talker may consume it.
    const mic = dataOf<{ producerId: string }>(
      await device.request('producer:create', {
        transportId: deviceSend.transportId,
        kind: 'audio',
        rtpParameters: opus(3333),
        source: 'microphone',
      }),
    );
    await bedView(talker.client, bedId, (b) => b.microphoneProducerId === mic.producerId);
    const talkerRecv = dataOf<TransportOptions>(
      await talker.client.request('transport:create', { wardId: ward.wardId }),
    );
    expect(
      await talker.client.request('consumer:create', {
        transportId: talkerRecv.transportId,
        bedId,
        rtpCapabilities: talker.rtpCapabilities,
        source: 'microphone',
      }),
    ).toMatchObject({ ok: true, data: { kind: 'audio', producerId: mic.producerId, source: 'microphone' } });
    const otherRecv = dataOf<TransportOptions>(
      await other.client.request('transport:create', { wardId: ward.wardId }),
    );
    expect(
      await other.client.request('consumer:create', {
        transportId: otherRecv.transportId,
        bedId,
        rtpCapabilities: other.rtpCapabilities,
        source: 'microphone',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'bedId' } });

    // Only the talker stops it; then the bedside hears the end and its microphone is closed.
    expect(await other.client.request('talk:stop', { bedId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'bedId' },
    });
    expect(await talker.client.request('talk:stop', { bedId })).toEqual({ ok: true, data: {} });
    expect(await device.next('talk:ended')).toEqual({ type: 'talk:ended', producerId });
    const ended = await bedView(
      other.client,
      bedId,
      (b) => b.talk === null && b.microphoneProducerId === null,
    );
    expect(ended.bed.talk).toBeNull();
    // The talker's own stop needs no notification.
    expect(talker.client.notifications.filter((n) => n.type === 'talk:ended')).toHaveLength(0);

    // Free again: the colleague may talk now.
    expect(await other.client.request('talk:start', { bedId })).toMatchObject({ ok: true });
    expect(await other.client.request('talk:stop', { bedId })).toEqual({ ok: true, data: {} });

    const started = await audits('icu.talkdown.started');
    expect(started).toHaveLength(1);
    expect(started[0]!.detail).toMatchObject({ bedId, wardId: ward.wardId });
    const stopped = await audits('icu.talkdown.ended');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.detail).toMatchObject({ bedId, reason: 'stopped', seconds: expect.any(Number) });
    expect(stopped[0]!.actorId).toBe(started[0]!.actorId);
  });

  it('lets a station talk to one bed at a time: a second talk is refused and the first carries on', async () => {
    const single = await createTestWard(stack.url, 2, 'ICU Talk One Bed');
    const [first, second] = [single.beds[0]!.bedId, single.beds[1]!.bedId];
    const subscribed = async (token: string) => {
      const client = track(await connectStation(stack.url, token));
      const { beds } = dataOf<{ beds: BedView[] }>(
        await client.request('ward:subscribe', { wardId: single.wardId }),
      );
      return { client, beds };
    };
    const devices: BedsideClient[] = [];
    for (const { deviceToken } of single.beds) {
      const device = track(await connectBedside(stack.url, deviceToken));
      await device.next('welcome');
      devices.push(device);
    }
    const talker = (await subscribed(clinician)).client;
    const talk = dataOf<TransportOptions>(await talker.request('talk:start', { bedId: first }));
    const { producerId } = dataOf<{ producerId: string }>(
      await talker.request('talk:produce', { transportId: talk.transportId, rtpParameters: opus(7777) }),
    );
    await devices[0]!.next('talk:incoming', (n) => n.producerId === producerId);

    const refused = await talker.request('talk:start', { bedId: second });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'TALK_ALREADY_ACTIVE',
        message: 'this station is already talking to Bed 1; end that talk-down first',
        field: 'bedId',
      },
    });

    // The first talk-down is intact: its transport still holds its microphone, nothing ended, and the
    // second bed has no talk-down.
    expect(
      await talker.request('talk:produce', { transportId: talk.transportId, rtpParameters: opus(7778) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'this talk-down already has its microphone' },
    });
    await sleep(200);
    expect(devices[0]!.notifications.filter((n) => n.type === 'talk:ended')).toHaveLength(0);
    expect(devices[1]!.notifications.filter((n) => n.type.startsWith('talk:'))).toHaveLength(0);
    expect(talker.notifications.filter((n) => n.type === 'talk:ended')).toHaveLength(0);
    const watcher = await subscribed(colleague);
    expect(watcher.beds.find((b) => b.id === first)?.talk).toEqual({
      clinician: expect.any(String),
      since: expect.any(String),
    });
    expect(watcher.beds.find((b) => b.id === second)?.talk).toBeNull();
    const endedHere = async () =>
      (await audits('icu.talkdown.ended')).filter((a) => (a.detail as { bedId: string }).bedId === first);
    expect(await endedHere()).toHaveLength(0);

    // Once the first ends, the station may talk to the second; a retry on that bed is still allowed.
    expect(await talker.request('talk:stop', { bedId: first })).toEqual({ ok: true, data: {} });
    expect(await devices[0]!.next('talk:ended')).toEqual({ type: 'talk:ended', producerId });
    expect(await talker.request('talk:start', { bedId: second })).toMatchObject({ ok: true });
    expect(await talker.request('talk:start', { bedId: second })).toMatchObject({ ok: true });
    // The rule is per station: another station may still talk to the first bed.
    expect(await watcher.client.request('talk:start', { bedId: first })).toMatchObject({ ok: true });
    expect(await talker.request('talk:stop', { bedId: second })).toEqual({ ok: true, data: {} });
    expect(await watcher.client.request('talk:stop', { bedId: first })).toEqual({ ok: true, data: {} });

    // Two starts sent at once to different beds: exactly one is let through.
    const raced = await Promise.all([
      talker.request('talk:start', { bedId: first }),
      talker.request('talk:start', { bedId: second }),
    ]);
    expect(raced.filter((a) => a.ok)).toHaveLength(1);
    expect(raced.filter((a) => !a.ok)).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'TALK_ALREADY_ACTIVE', field: 'bedId' }) },
    ]);
  });

  it('ends the talk-down when the bed goes offline (the talker hears why) or the station leaves', async () => {
    const bedId = ward.beds[1]!.bedId;
    const talker = await station();
    let device = await bedside(1);
    const start = async () => {
      const talk = dataOf<TransportOptions>(await talker.client.request('talk:start', { bedId }));
      return dataOf<{ producerId: string }>(
        await talker.client.request('talk:produce', {
          transportId: talk.transportId,
          rtpParameters: opus(4444),
        }),
      ).producerId;
    };
    await start();
    await device.next('talk:incoming');
    device.close();
    expect(await talker.client.next('talk:ended', (n) => n.bedId === bedId)).toEqual({
      type: 'talk:ended',
      bedId,
      reason: 'bedside offline',
    });
    await bedView(talker.client, bedId, (b) => !b.online && b.talk === null);

    device = await bedside(1);
    const producerId = await start();
    await device.next('talk:incoming', (n) => n.producerId === producerId);
    talker.client.close();
    expect(await device.next('talk:ended', (n) => n.producerId === producerId)).toEqual({
      type: 'talk:ended',
      producerId,
    });
    const reasons = (await audits('icu.talkdown.ended'))
      .filter((a) => (a.detail as { bedId: string }).bedId === bedId)
      .map((a) => (a.detail as { reason: string }).reason);
    expect(reasons.sort()).toEqual(['bedside offline', 'station left']);
  });

  it('publishes a tablet’s WebRTC camera that the station consumes like a headless one', async () => {
    const bedId = ward.beds[2]!.bedId;
    const watcher = await station();
    const device = await bedside(2);
    const send = dataOf<TransportOptions>(await device.request('transport:create', { direction: 'send' }));
    expect(
      await device.request('producer:create', {
        transportId: send.transportId,
        kind: 'audio',
        rtpParameters: opus(5555),
        source: 'camera',
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'kind' } });
    expect(
      await device.request('producer:create', {
        transportId: 'not-mine',
        kind: 'video',
        rtpParameters: vp8(5555),
        source: 'camera',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'transportId' } });
    const camera = dataOf<{ producerId: string }>(
      await device.request('producer:create', {
        transportId: send.transportId,
        kind: 'video',
        rtpParameters: vp8(5555),
        source: 'camera',
      }),
    );
    await bedView(watcher.client, bedId, (b) => b.videoProducerId === camera.producerId);
    const recv = dataOf<TransportOptions>(
      await watcher.client.request('transport:create', { wardId: ward.wardId }),
    );
    expect(
      await watcher.client.request('consumer:create', {
        transportId: recv.transportId,
        bedId,
        rtpCapabilities: watcher.rtpCapabilities,
      }),
    ).toMatchObject({ ok: true, data: { kind: 'video', producerId: camera.producerId, source: 'camera' } });
    // A device cannot close what is not its own; closing its camera clears it for the station.
    expect(await device.request('producer:close', { producerId: 'not-mine' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'producerId' },
    });
    expect(await device.request('producer:close', { producerId: camera.producerId })).toEqual({
      ok: true,
      data: {},
    });
    await bedView(watcher.client, bedId, (b) => b.videoProducerId === null);

    // A rebuild: the device closes its send transport and publishes again at once.
    const again = dataOf<{ producerId: string }>(
      await device.request('producer:create', {
        transportId: send.transportId,
        kind: 'video',
        rtpParameters: vp8(5556),
        source: 'camera',
      }),
    );
    await bedView(watcher.client, bedId, (b) => b.videoProducerId === again.producerId);
    expect(await device.request('transport:close', { transportId: send.transportId })).toEqual({
      ok: true,
      data: {},
    });
    const fresh = dataOf<TransportOptions>(await device.request('transport:create', { direction: 'send' }));
    const third = await device.request('producer:create', {
      transportId: fresh.transportId,
      kind: 'video',
      rtpParameters: vp8(5557),
      source: 'camera',
    });
    expect(third).toMatchObject({ ok: true });
    // A device cannot pile up transports.
    for (let i = 0; i < 3; i += 1) await device.request('transport:create', { direction: 'recv' });
    expect(await device.request('transport:create', { direction: 'recv' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('lets the headless simulator consume a talk-down on a plain RTP transport', async () => {
    const bedId = ward.beds[3]!.bedId;
    const talker = await station();
    let runner: BedRunner | undefined;
    try {
      runner = startBed({
        apiUrl: stack.url,
        deviceToken: ward.beds[3]!.deviceToken,
        scenario: 'stable',
        video: false,
        logger: createLogger('silent'),
      });
      const events: string[] = [];
      runner.on('talk', (e) => events.push(e.state));
      await runner.welcomed;
      await bedView(talker.client, bedId, (b) => b.online);
      const talk = dataOf<TransportOptions>(await talker.client.request('talk:start', { bedId }));
      await talker.client.request('talk:produce', {
        transportId: talk.transportId,
        rtpParameters: opus(6666),
      });
      for (let i = 0; i < 100 && runner.talk().talks === 0; i += 1) await sleep(50);
      expect(runner.talk().talks).toBe(1);
      expect(events).toEqual(['incoming']);
      expect(await talker.client.request('talk:stop', { bedId })).toEqual({ ok: true, data: {} });
      for (let i = 0; i < 100 && events.length < 2; i += 1) await sleep(50);
      expect(events).toEqual(['incoming', 'ended']);
    } finally {
      await runner?.stop();
    }
  });
});
