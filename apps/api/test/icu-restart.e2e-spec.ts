import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alarm } from '@teleconsult/clinical';
import type { BedView } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { AlarmRecordRow } from '../src/icu/entities/alarm-record.entity';
import { type BedsideClient, connectBedside, connectStation, createTestWard } from './support/icu-clients';
import { FAST_ALARMS, stableSample, streamVitals } from './support/icu-vitals';
import { call, loginDemo } from './support/rest-client';
import { dataOf } from './support/signal-client';
import { startTestStack, type TestStack } from './support/test-stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A device reporting a normal sample but for SpO2, every 100 ms until stopped. */
const stream = (device: BedsideClient, bedId: string, spo2: number) =>
  streamVitals(device, () => ({ ...stableSample(bedId), spo2 }));
// Escalation stays out of the way: the alarm must come back exactly as it was acknowledged.
const ALARMS = { ...FAST_ALARMS, ICU_ESCALATE_AFTER_MS: '60000' };

async function wardSnapshot(url: string, token: string, wardId: string): Promise<BedView[]> {
  const station = await connectStation(url, token);
  try {
    return dataOf<{ beds: BedView[] }>(await station.request('ward:subscribe', { wardId })).beds;
  } finally {
    station.close();
  }
}

describe('remote ICU across an api restart (sqlite, same database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-restart-'));
  const env = { ...ALARMS, DATA_DIR: dataDir };
  let stack: TestStack | undefined;

  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps open alarms with their acknowledgement, and reports bedsides that do not come back', async () => {
    stack = await startTestStack('sqlite', env);
    let clinician = await loginDemo(stack.url);
    const ward = await createTestWard(stack.url, 2);
    const [low, stable] = ward.beds as [(typeof ward.beds)[0], (typeof ward.beds)[0]];
    for (const [bed, patientName] of [
      [low, 'Alex Morgan'],
      [stable, 'Sam Rivera'],
    ] as const) {
      const admitted = await call(stack.url, 'POST', `/api/icu/beds/${bed.bedId}/admission`, {
        token: clinician,
        body: { patientName },
      });
      expect(admitted.status).toBe(201);
    }

    // Before: bed 1 desaturates (SpO2 88 %) and the alarm is acknowledged; bed 2 is stable.
    const watch = await connectStation(stack.url, clinician);
    await watch.request('ward:subscribe', { wardId: ward.wardId });
    const devices = [
      await connectBedside(stack.url, low.deviceToken),
      await connectBedside(stack.url, stable.deviceToken),
    ];
    const stops = [stream(devices[0]!, low.bedId, 88), stream(devices[1]!, stable.bedId, 97)];
    await watch.next('bed:alarms', (n) => n.bedId === low.bedId && n.event?.key === 'spo2');
    dataOf<{ alarm: Alarm }>(await watch.request('alarm:acknowledge', { bedId: low.bedId, key: 'spo2' }));
    stops.forEach((stop) => stop());
    devices.forEach((device) => device.close());
    watch.close();
    await stack.close();

    // The api comes back on the same database; no bedside has reconnected yet.
    stack = await startTestStack('sqlite', env);
    clinician = await loginDemo(stack.url);
    const restored = (await wardSnapshot(stack.url, clinician, ward.wardId)).find((b) => b.id === low.bedId)!;
    expect(restored.alarms.find((a) => a.key === 'spo2')).toMatchObject({
      priority: 'medium',
      acknowledgedBy: 'Dr Ada Lovelace',
    });

    // Both beds were sending before the restart: silence now is a lost link, within the timeout.
    await sleep(1000 + 50 + 400);
    const blind = await wardSnapshot(stack.url, clinician, ward.wardId);
    for (const bed of [low, stable])
      expect(blind.find((b) => b.id === bed.bedId)!.alarms.map((a) => a.key)).toContain('tech.linkLost');

    // Bed 1's device returns with a normal SpO2: its alarms clear, and the history has one spo2 row.
    const back = await connectBedside(stack.url, low.deviceToken);
    const stop = stream(back, low.bedId, 97);
    try {
      const watchAgain = await connectStation(stack.url, clinician);
      await watchAgain.request('ward:subscribe', { wardId: ward.wardId });
      await watchAgain.next(
        'bed:alarms',
        (n) => n.bedId === low.bedId && !n.alarms.some((a) => a.key === 'spo2' || a.key === 'tech.linkLost'),
        5000,
      );
      watchAgain.close();
    } finally {
      stop();
      back.close();
    }
    const history = await stack.app
      .get(DataSource)
      .getRepository(AlarmRecordRow)
      .findBy({ bedId: low.bedId, key: 'spo2' });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ acknowledgedBy: 'Dr Ada Lovelace' });
    expect(history[0]!.clearedAt).not.toBeNull();
  }, 90_000);
});
