import { type BedRunner, type CrossingEvent, createLogger, startBed } from '@teleconsult/bedside-sim';
import type { Alarm } from '@teleconsult/clinical';
import type { BedView } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { AlarmRecordRow } from '../src/icu/entities/alarm-record.entity';
import {
  type BedsideClient,
  type StationClient,
  type TestWard,
  assignToWard,
  clinicianId,
  connectBedside,
  connectStation,
  createTestWard,
} from './support/icu-clients';
import { FAST_ALARMS, stableSample, streamVitals as stream } from './support/icu-vitals';
import { call, loginDemo } from './support/rest-client';
import { dataOf } from './support/signal-client';
import { type Driver, startTestStack, type TestStack } from './support/test-stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('remote ICU on sqlite', () => {
  let stack: TestStack;
  let clinician: string;
  let ward: TestWard;
  const open: Array<StationClient | BedsideClient> = [];
  const track = <T extends StationClient | BedsideClient>(client: T): T => {
    open.push(client);
    return client;
  };
  const station = async () => {
    const client = track(await connectStation(stack.url, clinician));
    const snapshot = dataOf<{ beds: BedView[] }>(
      await client.request('ward:subscribe', { wardId: ward.wardId }),
    );
    return { client, snapshot };
  };
  const bedside = async (i: number) => {
    const client = track(await connectBedside(stack.url, ward.beds[i]!.deviceToken));
    await client.next('welcome');
    return client;
  };

  beforeAll(async () => {
    stack = await startTestStack('sqlite', FAST_ALARMS);
    clinician = await loginDemo(stack.url);
    ward = await createTestWard(stack.url, 4);
    const admitted = await call(stack.url, 'POST', `/api/icu/beds/${ward.beds[0]!.bedId}/admission`, {
      token: clinician,
      body: { patientName: 'Alex Morgan', mrn: 'MRN123' },
    });
    expect(admitted.status).toBe(201);
  }, 60_000);
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('keeps roles apart: admins register, clinicians watch; neither does the other’s job', async () => {
    const asClinician = await call(stack.url, 'POST', '/api/icu/wards', {
      token: clinician,
      body: { name: 'X' },
    });
    expect(asClinician.status).toBe(403);
    const adminTrends = await call(stack.url, 'GET', `/api/icu/beds/${ward.beds[0]!.bedId}/trends`, {
      token: ward.adminToken,
    });
    expect(adminTrends.status).toBe(403);
    const adminBeds = await call<{ beds: Array<Record<string, unknown>> }>(
      stack.url,
      'GET',
      `/api/icu/wards/${ward.wardId}/beds`,
      { token: ward.adminToken },
    );
    expect(adminBeds.body.beds).toHaveLength(4);
    expect(JSON.stringify(adminBeds.body)).not.toContain('Alex Morgan');
    await expect(connectStation(stack.url, ward.adminToken)).rejects.toMatchObject({ message: 'FORBIDDEN' });
  });

  it('refuses a second patient in an occupied bed', async () => {
    const second = await call<{ code: string }>(
      stack.url,
      'POST',
      `/api/icu/beds/${ward.beds[0]!.bedId}/admission`,
      {
        token: clinician,
        body: { patientName: 'Someone Else' },
      },
    );
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CONFLICT');
  });

  it('refuses an unknown or malformed device token at the handshake', async () => {
    await expect(connectBedside(stack.url, 'A'.repeat(43))).rejects.toMatchObject({
      message: 'UNAUTHENTICATED',
    });
    await expect(connectBedside(stack.url, 'short')).rejects.toMatchObject({ message: 'UNAUTHENTICATED' });
  });

  it('delivers numerics and NEWS2 to the station, and rejects or flags bad samples without a false alarm', async () => {
    const { client: watch, snapshot } = await station();
    expect(snapshot.beds.map((b) => b.label)).toEqual(['Bed 1', 'Bed 2', 'Bed 3', 'Bed 4']);
    expect(snapshot.beds[0]!.admission?.patientName).toBe('Alex Morgan');
    const device = await bedside(0);
    const bedId = ward.beds[0]!.bedId;

    const accepted = await device.request('vitals:report', stableSample(bedId));
    expect(accepted).toEqual({ ok: true, data: { artefacts: [] } });
    const vitals = await watch.next('bed:vitals', (n) => n.bedId === bedId);
    expect(vitals.news2).toMatchObject({ total: 0, band: 'low', partial: false });

    const rejected = async (sample: Record<string, unknown>, code: string, field: string) => {
      const ack = await device.request('vitals:report', sample);
      expect(ack).toMatchObject({ ok: false, error: { code, field } });
    };
    await rejected({ ...stableSample(bedId), heartRate: Number.NaN }, 'VALIDATION_FAILED', 'heartRate'); // NaN → null in JSON
    await rejected({ ...stableSample(bedId), spo2: -3 }, 'VALIDATION_FAILED', 'spo2');
    await rejected({ ...stableSample(bedId), heartRate: 1000 }, 'VALIDATION_FAILED', 'heartRate');
    await rejected({ ...stableSample(bedId), temperature: '37' }, 'VALIDATION_FAILED', 'temperature');
    await rejected({ ...stableSample(bedId), systolic: 60, diastolic: 80 }, 'VALIDATION_FAILED', 'diastolic');
    await rejected({ ...stableSample(bedId), at: Date.now() - 3_600_000 }, 'VALIDATION_FAILED', 'at');
    await rejected(stableSample(ward.beds[1]!.bedId), 'FORBIDDEN', 'bedId');

    // Implausible but possible: kept, flagged, and only a low technical alarm — never a clinical one.
    const stop = stream(device, () => ({ ...stableSample(bedId), heartRate: 320, spo2: 40 }));
    const artefactAlarm = await watch.next(
      'bed:alarms',
      (n) => n.bedId === bedId && n.event?.key === 'tech.artefact',
    );
    stop();
    expect(artefactAlarm.event).toMatchObject({ type: 'raised', priority: 'low' });
    await sleep(400); // past the onset delay: a clinical alarm would have sounded by now
    const clinical = watch.notifications.filter(
      (n) => n.type === 'bed:alarms' && n.alarms.some((a: Alarm) => a.kind === 'clinical'),
    );
    expect(clinical).toEqual([]);
    const flagged = await device.request('vitals:report', { ...stableSample(bedId), heartRate: 320 });
    expect(flagged).toEqual({ ok: true, data: { artefacts: ['heartRate'] } });

    // The engine is still alive and well: a good sample clears the technical alarm.
    await device.request('vitals:report', stableSample(bedId));
    await watch.next('bed:alarms', (n) => n.bedId === bedId && n.event?.type === 'cleared');
  });

  it('raises, escalates and audits the acknowledgement of a clinical alarm', async () => {
    const { client: watch } = await station();
    const device = await bedside(1);
    const bedId = ward.beds[1]!.bedId;
    // SpO2 88 %: below the medium limit (90), above the high one (85).
    const stop = stream(device, () => ({ ...stableSample(bedId), spo2: 88 }));
    try {
      const raised = await watch.next('bed:alarms', (n) => n.bedId === bedId && n.event?.key === 'spo2');
      expect(raised.event).toEqual({ type: 'raised', key: 'spo2', priority: 'medium' });
      const escalated = await watch.next(
        'bed:alarms',
        (n) => n.bedId === bedId && n.event?.type === 'escalated' && n.event.key === 'spo2',
        5000,
      );
      expect(escalated.event?.priority).toBe('high');
      expect(escalated.alarms[0]).toMatchObject({ key: 'spo2', priority: 'high', escalated: true });

      const ack = dataOf<{ alarm: Alarm }>(await watch.request('alarm:acknowledge', { bedId, key: 'spo2' }));
      expect(ack.alarm).toMatchObject({ key: 'spo2', acknowledgedBy: 'Dr Ada Lovelace' });
      await watch.next('bed:alarms', (n) => n.bedId === bedId && n.event?.type === 'acknowledged');
      const missing = await watch.request('alarm:acknowledge', { bedId, key: 'heartRate' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'key' } });
    } finally {
      stop();
    }
    const db = stack.app.get(DataSource);
    const audited = await db.getRepository(AuditEvent).findBy({ action: 'icu.alarm.acknowledged' });
    expect(audited).toHaveLength(1);
    expect(audited[0]!.detail).toMatchObject({ bedId, key: 'spo2', priority: 'high' });
    const history = await db.getRepository(AlarmRecordRow).findOneByOrFail({ bedId, key: 'spo2' });
    expect(history.escalatedAt).not.toBeNull();
    expect(history.acknowledgedBy).toBe('Dr Ada Lovelace');
  });

  it('raises the lost-link alarm within the link timeout plus one tick when a bed goes silent', async () => {
    const { client: watch } = await station();
    const device = await bedside(2);
    const bedId = ward.beds[2]!.bedId;
    await device.request('vitals:report', stableSample(bedId));
    const lastSampleAt = Date.now();
    device.close();
    const lost = await watch.next(
      'bed:alarms',
      (n) => n.bedId === bedId && n.event?.key === 'tech.linkLost',
      5000,
    );
    const tookMs = Date.now() - lastSampleAt;
    expect(lost.event).toEqual({ type: 'raised', key: 'tech.linkLost', priority: 'high' });
    // Bound: ICU_LINK_TIMEOUT_MS (1000) + ICU_TICK_MS (50) + delivery slack.
    expect(tookMs).toBeGreaterThanOrEqual(1000);
    expect(tookMs).toBeLessThan(1000 + 50 + 400);
    await watch.next('bed:changed', (n) => n.bed.id === bedId && !n.bed.online);
    const again = dataOf<{ beds: BedView[] }>(await watch.request('ward:subscribe', { wardId: ward.wardId }));
    expect(again.beds.find((b) => b.id === bedId)?.alarms[0]?.key).toBe('tech.linkLost');
  });

  it('relays waveforms into the SFU and exports them and the vitals as FHIR', async () => {
    const { client: watch } = await station();
    const device = await bedside(3);
    const bedId = ward.beds[3]!.bedId;
    const start = Date.now();
    for (let seq = 0; seq < 20; seq += 1)
      device.socket.emit('waveform:block', {
        seq,
        t: start + seq * 40,
        ecg: Array.from({ length: 10 }, (_, i) => Math.sin((seq * 10 + i) / 10)),
        pleth: Array.from({ length: 5 }, () => 0.5),
        resp: [0.2],
      });
    const changed = await watch.next(
      'bed:changed',
      (n) => n.bed.id === bedId && n.bed.waveformProducerId !== null,
    );
    // A direct data producer in the ward's SFU room, fed with the blocks.
    const producer = stack.sfu.rooms.dataProducers.get(changed.bed.waveformProducerId!);
    expect(producer).toMatchObject({ roomId: `ward:${ward.wardId}`, peerId: `bed:${bedId}` });
    const received = async () =>
      ((await producer!.handle.getStats())[0] as { messagesReceived: number }).messagesReceived;
    for (let i = 0; i < 50 && (await received()) < 20; i += 1) await sleep(50);
    expect(await received()).toBe(20);

    const bad = await device.request('waveform:block', {
      seq: 1,
      t: start,
      ecg: new Array(5000).fill(0),
      pleth: [],
      resp: [],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'ecg' } });

    await device.request('vitals:report', stableSample(bedId));
    await sleep(100);
    const waveform = await call<{ valueSampledData: { period: number; data: string } }>(
      stack.url,
      'GET',
      `/api/icu/beds/${bedId}/fhir/waveform?seconds=1`,
      {
        token: clinician,
      },
    );
    expect(waveform.status).toBe(200);
    expect(waveform.body.valueSampledData.period).toBe(4);
    expect(waveform.body.valueSampledData.data.split(' ')).toHaveLength(200);

    const bundle = await call<{ entry: Array<{ resource: { code: { coding: Array<{ code: string }> } } }> }>(
      stack.url,
      'GET',
      `/api/icu/beds/${bedId}/fhir/vitals?hours=1`,
      {
        token: clinician,
      },
    );
    const codes = bundle.body.entry.map((e) => e.resource.code.coding[0]!.code);
    expect(codes).toEqual(expect.arrayContaining(['8867-4', '2708-6', '9279-1', '8310-5', '85354-9']));
    const trends = await call<{ points: Array<Record<string, unknown>> }>(
      stack.url,
      'GET',
      `/api/icu/beds/${bedId}/trends?hours=1`,
      {
        token: clinician,
      },
    );
    expect(trends.body.points.at(-1)).toMatchObject({ heartRate: 78, spo2: 97 });
  });

  it('shows an ambulance’s pre-arrival handover on the emergency department’s board, and only an ambulance may send one', async () => {
    const ed = await call<{ id: string }>(stack.url, 'POST', '/api/icu/wards', {
      token: ward.adminToken,
      body: { name: 'Emergency Department', kind: 'ed' },
    });
    const misplaced = await call<{ code: string; field: string }>(
      stack.url,
      'POST',
      `/api/icu/wards/${ward.wardId}/beds`,
      {
        token: ward.adminToken,
        body: { label: 'Ambulance 9', kind: 'ambulance' },
      },
    );
    expect(misplaced.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'kind' });
    const ambulance = await call<{ id: string }>(stack.url, 'POST', `/api/icu/wards/${ed.body.id}/beds`, {
      token: ward.adminToken,
      body: { label: 'Ambulance 21', kind: 'ambulance', callSign: 'MED-21' },
    });
    const { body: device } = await call<{ deviceToken: string }>(
      stack.url,
      'POST',
      `/api/icu/beds/${ambulance.body.id}/device-token`,
      { token: ward.adminToken },
    );
    await assignToWard(stack.url, ward.adminToken, ed.body.id, await clinicianId(stack.url, ward.adminToken));
    const board = track(await connectStation(stack.url, clinician));
    dataOf(await board.request('ward:subscribe', { wardId: ed.body.id }));
    const crew = track(await connectBedside(stack.url, device.deviceToken));
    expect((await crew.next('welcome')).bed).toMatchObject({ kind: 'ambulance', label: 'Ambulance 21' });
    const handover = {
      eta: Date.now() + 12 * 60_000,
      age: '71',
      injuries: 'Suspected urosepsis',
      signs: 'HR 118',
    };
    expect(await crew.request('handover:update', handover)).toEqual({ ok: true, data: {} });
    const shown = await board.next(
      'bed:changed',
      (n) => n.bed.id === ambulance.body.id && n.bed.handover !== null,
    );
    expect(shown.bed).toMatchObject({ callSign: 'MED-21', handover });
    const tooLong = await crew.request('handover:update', { ...handover, signs: 'x'.repeat(600) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'signs' } });

    const bedDevice = await bedside(3);
    const notAmbulance = await bedDevice.request('handover:update', handover);
    expect(notAmbulance).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('opens a bed camera transport only for the device, and refuses malformed media parameters', async () => {
    const device = await bedside(3);
    const opened = dataOf<{ transportId: string; port: number; roomId: string }>(
      await device.request('video:open', {}),
    );
    expect(opened.roomId).toBe(`ward:${ward.wardId}`);
    expect(opened.port).toBeGreaterThan(0);
    const wrong = await device.request('video:produce', {
      transportId: 'not-mine',
      rtpParameters: { codecs: [], encodings: [] },
    });
    expect(wrong).toMatchObject({ ok: false });
    const malformed = await device.request('video:produce', {
      transportId: opened.transportId,
      rtpParameters: { codecs: 'vp8' },
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const unknownEvent = await device.request('station:hack', {});
    expect(unknownEvent).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
  });
});

describe.each<Driver>(['sqlite', 'postgres'])('bed admission on %s', (driver) => {
  let stack: TestStack;
  afterAll(async () => {
    await stack?.close();
  });

  it('admits exactly one of 10 concurrent admissions to the same bed (database-enforced)', async () => {
    stack = await startTestStack(driver);
    const clinician = await loginDemo(stack.url);
    const ward = await createTestWard(stack.url, 1);
    const bedId = ward.beds[0]!.bedId;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(stack.url, 'POST', `/api/icu/beds/${bedId}/admission`, {
          token: clinician,
          body: { patientName: `P ${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const discharged = await fetch(`${stack.url}/api/icu/beds/${bedId}/discharge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clinician}` },
    });
    expect(discharged.status).toBe(204);
    const again = await call(stack.url, 'POST', `/api/icu/beds/${bedId}/admission`, {
      token: clinician,
      body: { patientName: 'Next' },
    });
    expect(again.status).toBe(201);
  }, 60_000);
});

describe('remote ICU with the bedside simulator', () => {
  let stack: TestStack;
  let runner: BedRunner | undefined;
  let watch: StationClient | undefined;
  afterAll(async () => {
    await runner?.stop();
    watch?.close();
    await stack?.close();
  });

  it('a simulated sepsis deterioration raises an alarm at the station, escalates it unacknowledged, and audits the acknowledgement', async () => {
    stack = await startTestStack('sqlite', { ...FAST_ALARMS, ICU_ESCALATE_AFTER_MS: '1000' });
    const clinician = await loginDemo(stack.url);
    const ward = await createTestWard(stack.url, 1, 'ICU Sim');
    const bedId = ward.beds[0]!.bedId;
    watch = await connectStation(stack.url, clinician);
    dataOf(await watch.request('ward:subscribe', { wardId: ward.wardId }));

    // Sepsis at 120× speed: a scenario minute every half second, a sample every 250 ms.
    runner = startBed({
      apiUrl: stack.url,
      deviceToken: ward.beds[0]!.deviceToken,
      scenario: 'sepsis',
      seed: 7,
      scale: 120,
      vitalsIntervalMs: 250,
      video: false,
      logger: createLogger('silent'),
    });
    const crossings: CrossingEvent[] = [];
    runner.onCrossing((crossing) => crossings.push(crossing));
    await runner.welcomed;

    // Heart rate climbs past the medium limit (120/min): the simulator notes the crossing, the
    // station hears the alarm after the onset delay, then its escalation when nobody acknowledges.
    const key = 'heartRate';
    const raised = await watch.next(
      'bed:alarms',
      (n) => n.bedId === bedId && n.event?.type === 'raised' && n.event.key === key,
      40_000,
    );
    const receivedAt = Date.now();
    expect(raised.event?.priority).toBe('medium');
    const crossing = crossings.find((c) => c.rule.vital === key);
    expect(crossing?.at).toBeLessThanOrEqual(receivedAt);
    const escalated = await watch.next(
      'bed:alarms',
      (n) => n.bedId === bedId && n.event?.type === 'escalated' && n.event.key === key,
      15_000,
    );
    expect(escalated.alarms.find((a) => a.key === key)).toMatchObject({ escalated: true, priority: 'high' });

    const ack = dataOf<{ alarm: Alarm }>(await watch.request('alarm:acknowledge', { bedId, key }));
    expect(ack.alarm.acknowledgedAt).not.toBeNull();
    const audited = await stack.app
      .get(DataSource)
      .getRepository(AuditEvent)
      .findBy({ action: 'icu.alarm.acknowledged' });
    expect(audited.map((a) => a.detail)).toEqual([expect.objectContaining({ bedId, key })]);
    expect(runner.counters().acksFailed).toBe(0);
  }, 60_000);
});
