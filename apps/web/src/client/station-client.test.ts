import { describe, expect, it, vi } from 'vitest';
import type { BedView } from '@teleconsult/protocol';
import { fakeDevices } from './fake-consult-socket';
import { StationClient } from './station-client';
import { WARD, alarm, bed, fakeStation } from './fake-station-socket';

const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise((r) => setTimeout(r, 0));
};

function started(beds: BedView[], extra: { batchMs?: number } = {}) {
  const fake = fakeStation(beds);
  const devices = fakeDevices();
  let auth: object | null = null;
  const client = new StationClient({
    wardId: WARD,
    accessToken: () => 'token-1',
    openSocket: (cb) => {
      cb((data) => (auth = data));
      return fake.socket;
    },
    createDevice: devices.create,
    ...extra,
  });
  client.start();
  return { fake, client, devices, auth: () => auth };
}

describe('StationClient', () => {
  it('subscribes with the access token, consumes each bed’s camera at the thumbnail layer and its waveforms', async () => {
    const withMedia = bed(1, { videoProducerId: 'vp-1', waveformProducerId: 'wp-1' });
    const { fake, client, auth } = started([withMedia, bed(2)]);
    expect(auth()).toEqual({ accessToken: 'token-1' });
    fake.connect();
    await settle();

    expect(fake.requested('ward:subscribe')).toEqual([{ wardId: WARD }]);
    expect(fake.requested('transport:create')).toEqual([{ wardId: WARD }]);
    expect(client.receiveTransport?.direction).toBe('recv');
    expect(fake.requested('consumer:create')).toHaveLength(1);
    expect(fake.requested('consumer:create')[0]).toMatchObject({ bedId: withMedia.id });
    const consumer = client.consumerOf(withMedia.id)!;
    // The layer is chosen before the consumer is resumed, so no thumbnail starts at full size.
    const order = fake.sent.map((s) => s.name).filter((n) => n.startsWith('consumer:'));
    expect(order).toEqual(['consumer:create', 'consumer:setPreferredLayers', 'consumer:resume']);
    expect(fake.requested('consumer:setPreferredLayers')).toEqual([
      { consumerId: consumer.id, spatialLayer: 0 },
    ]);
    expect(client.getSnapshot().videoTracks[withMedia.id]).toBe(consumer.track);
    expect(fake.requested('waveform:consume')).toEqual([
      { transportId: client.receiveTransport!.id, bedId: withMedia.id },
    ]);
    const dataConsumer = client.dataConsumerOf(withMedia.id)!;
    expect(dataConsumer.label).toBe('waveforms');
    expect(dataConsumer.sctpStreamParameters.streamId).toBe(7);

    // A block on the data channel lands in the bed's buffers and its counters.
    const t = Date.now() - 100;
    (dataConsumer as unknown as { emit(event: string, data: unknown): void }).emit(
      'message',
      JSON.stringify({
        bedId: withMedia.id,
        seq: 0,
        t,
        ecg: Array(13).fill(0.1),
        pleth: Array(6).fill(0.5),
        resp: [0],
      }),
    );
    const stats = client.stats().find((s) => s.bedId === withMedia.id)!;
    expect(stats).toMatchObject({
      consumerId: consumer.id,
      dataConsumerId: dataConsumer.id,
      waveformMessages: 1,
      samples: { ecg: 13, pleth: 6, resp: 1 },
    });
    expect(stats.lastLatencyMs).toBeGreaterThanOrEqual(100 - 52 - 5);
    expect(client.waveformsOf(withMedia.id).ecg.writeIndex).toBe(13);
    client.stop();
  });

  it('counts lost and late waveform blocks and measures their latency', async () => {
    const { client, fake } = started([bed(1)]);
    fake.connect();
    await settle();
    const id = bed(1).id;
    const block = (seq: number, t: number) =>
      JSON.stringify({ seq, t, ecg: Array(25).fill(0), pleth: [], resp: [] });
    client.receiveWaveform(id, block(0, 1_000_000), 1_000_300);
    client.receiveWaveform(id, block(3, 1_000_300), 1_000_450);
    client.receiveWaveform(id, block(1, 1_000_100), 1_000_460);
    client.receiveWaveform(id, 'not json', 1_000_470);
    const stats = client.stats()[0]!;
    expect(stats.waveformMessages).toBe(3);
    expect(stats.missedBlocks).toBe(2);
    expect(stats.lateBlocks).toBe(1);
    expect(stats.lastSeq).toBe(3);
    expect(stats.lastLatencyMs).toBe(1_000_460 - (1_000_100 + 100));
    client.stop();
  });

  it('switches the focused bed to the high layer and tells the api, then back to the thumbnail', async () => {
    const b = bed(1, { videoProducerId: 'vp-1' });
    const { fake, client } = started([b]);
    fake.connect();
    await settle();
    const consumerId = client.consumerOf(b.id)!.id;
    await client.focus(b.id);
    expect(client.getSnapshot().focusedBedId).toBe(b.id);
    expect(fake.requested('bed:focus')).toEqual([{ bedId: b.id, on: true }]);
    expect(fake.requested('consumer:setPreferredLayers').at(-1)).toEqual({ consumerId, spatialLayer: 2 });
    await client.focus(null);
    expect(fake.requested('bed:focus').at(-1)).toEqual({ bedId: b.id, on: false });
    expect(fake.requested('consumer:setPreferredLayers').at(-1)).toEqual({ consumerId, spatialLayer: 0 });
    client.stop();
  });

  it('batches numerics, shows alarms at once, and consumes a camera that appears later', async () => {
    {
      const b = bed(1);
      const { fake, client } = started([b], { batchMs: 40 });
      fake.connect();
      await settle();
      const renders = vi.fn();
      client.subscribe(renders);
      for (let i = 0; i < 5; i += 1)
        fake.notify({
          type: 'bed:vitals',
          bedId: b.id,
          sample: { bedId: b.id, at: 10 + i, heartRate: 80 + i },
          artefacts: [],
          news2: { total: 1, band: 'low', scores: {}, missing: [], partial: true, response: '' },
        });
      expect(renders).not.toHaveBeenCalled();
      await new Promise((r) => setTimeout(r, 60));
      expect(renders).toHaveBeenCalledTimes(1);
      expect(client.getSnapshot().beds[0]!.latest?.heartRate).toBe(84);

      fake.notify({ type: 'bed:alarms', bedId: b.id, alarms: [alarm], event: null });
      expect(renders).toHaveBeenCalledTimes(2);
      expect(client.getSnapshot().beds[0]!.alarms).toEqual([alarm]);

      fake.notify({ type: 'bed:changed', bed: { ...b, alarms: [alarm], videoProducerId: 'vp-new' } });
      await settle();
      expect(fake.requested('consumer:create')).toHaveLength(1);
      expect(client.getSnapshot().videoTracks[b.id]).toBeDefined();

      await client.acknowledge(b.id, 'spo2');
      expect(fake.requested('alarm:acknowledge')).toEqual([{ bedId: b.id, key: 'spo2' }]);
      expect(client.getSnapshot().beds[0]!.alarms[0]!.acknowledgedBy).toBe('dr.ada');
      client.stop();
    }
  });

  it('rebuilds media on media:reset with a new transport', async () => {
    const b = bed(1, { videoProducerId: 'vp-1', waveformProducerId: 'wp-1' });
    const { fake, client } = started([b]);
    fake.connect();
    await settle();
    const first = client.receiveTransport!;
    fake.notify({ type: 'media:reset', wardId: WARD, reason: 'sfu restarted' });
    await settle();
    expect(first.closed).toBe(true);
    expect(client.receiveTransport).not.toBe(first);
    expect(fake.requested('transport:create')).toHaveLength(2);
    expect(fake.requested('consumer:create')).toHaveLength(2);
    expect(fake.requested('waveform:consume')).toHaveLength(2);
    client.stop();
  });
});
