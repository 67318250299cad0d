import { execFileSync } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { artefactsOf, vitalSampleSchema, type VitalSample } from '@teleconsult/clinical';
import {
  type Ack,
  type BedsideClientToServerEvents,
  type BedsideServerToClientEvents,
  type BedsideWelcome,
  bedsideAuthSchema,
  waveformBlockSchema,
  type WaveformBlockMessage,
} from '@teleconsult/protocol';
import { liveFfmpegCount } from '@teleconsult/sfu';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BedRunner, type CrossingEvent, startBed } from './bed-runner';

const TOKEN = 'device-token-0123456789';
const BED: BedsideWelcome = {
  bedId: '8d1f5a0e-35a4-4c34-9f55-0d8e2f1f7a01',
  wardId: '5b0c1b9e-9d0d-4f61-a2f4-6f3b33d8c0aa',
  label: 'ICU-1 Bed 1',
  kind: 'bed',
};

type BedsideServerSocket = Socket<BedsideClientToServerEvents, BedsideServerToClientEvents>;

/** Just enough of the api's /bedside namespace: token auth, welcome, validated requests, acks. */
class FakeBedsideApi {
  readonly http: HttpServer = createServer();
  readonly io = new Server<BedsideClientToServerEvents, BedsideServerToClientEvents>(this.http);
  readonly samples: { sample: VitalSample; receivedAt: number }[] = [];
  readonly blocks: { block: WaveformBlockMessage; receivedAt: number }[] = [];
  readonly requests: { name: string; payload: unknown }[] = [];
  readonly sockets: BedsideServerSocket[] = [];
  connections = 0;
  disconnects: number[] = [];
  rejectEvery = 0;
  videoTarget: { ip: string; port: number } | undefined;

  async listen(): Promise<string> {
    const bedside = this.io.of('/bedside');
    bedside.use((socket, next) => {
      const auth = bedsideAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success || auth.data.deviceToken !== TOKEN) return next(new Error('UNAUTHENTICATED'));
      next();
    });
    bedside.on('connection', (socket: BedsideServerSocket) => {
      this.connections += 1;
      this.sockets.push(socket);
      socket.on('disconnect', () => this.disconnects.push(Date.now()));
      socket.on('vitals:report', (payload, ack) => {
        const parsed = vitalSampleSchema.safeParse(payload);
        let answer: Ack<{ artefacts: ReturnType<typeof artefactsOf> }>;
        if (!parsed.success || parsed.data.bedId !== BED.bedId)
          answer = { ok: false, error: { code: 'VALIDATION_FAILED', message: 'bad sample', field: 'bedId' } };
        else if (this.rejectEvery && (this.samples.length + 1) % this.rejectEvery === 0) {
          this.samples.push({ sample: parsed.data, receivedAt: Date.now() });
          answer = { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } };
        } else {
          this.samples.push({ sample: parsed.data, receivedAt: Date.now() });
          answer = { ok: true, data: { artefacts: artefactsOf(parsed.data) } };
        }
        ack?.(answer);
      });
      socket.on('waveform:block', (payload) => {
        this.blocks.push({ block: waveformBlockSchema.parse(payload), receivedAt: Date.now() });
      });
      socket.on('video:open', (payload, ack) => {
        this.requests.push({ name: 'video:open', payload });
        const target = this.videoTarget!;
        ack?.({
          ok: true,
          data: {
            transportId: 'transport-1',
            ip: target.ip,
            port: target.port,
            roomId: 'ward-room',
            peerId: 'bed-peer',
          },
        });
      });
      socket.on('video:produce', (payload, ack) => {
        this.requests.push({ name: 'video:produce', payload });
        ack?.({ ok: true, data: { producerId: 'producer-1' } });
      });
      socket.on('video:close', (payload, ack) => {
        this.requests.push({ name: 'video:close', payload });
        ack?.({ ok: true, data: {} });
      });
      socket.emit('notification', { type: 'welcome', bed: BED });
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await sleep(20);
  }
}

describe('bed runner against a /bedside server', () => {
  let api: FakeBedsideApi;
  let url: string;
  let bed: BedRunner | undefined;

  beforeEach(async () => {
    api = new FakeBedsideApi();
    url = await api.listen();
  });
  afterEach(async () => {
    await bed?.stop();
    bed = undefined;
    await api.close();
  });

  it('on welcome reports valid numerics and streams contiguous, on-time waveform blocks', async () => {
    bed = startBed({
      apiUrl: url,
      deviceToken: TOKEN,
      bedId: BED.bedId,
      scenario: 'stable',
      seed: 3,
      vitalsIntervalMs: 200,
      video: false,
    });
    expect(await bed.welcomed).toEqual(BED);
    expect(bed.bedId).toBe(BED.bedId);
    await sleep(1_500);
    await until(() => bed!.counters().samplesAcked === bed!.counters().samplesSent);
    const counters = bed.counters();
    // The last block may still be on its way.
    await until(() => api.blocks.length >= counters.blocksSent);

    expect(api.samples.length).toBeGreaterThanOrEqual(7);
    expect(api.samples.length).toBe(counters.samplesSent);
    expect(counters.acksFailed).toBe(0);
    for (const { sample } of api.samples) expect(sample.bedId).toBe(BED.bedId);
    // Drift-free: sample times keep to the 200 ms grid.
    const gaps = api.samples.slice(1).map(({ sample }, i) => sample.at - api.samples[i]!.sample.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(250);

    // 1.5 s of 40 ms blocks is ~37; a loaded machine may run the timers late (they catch up after).
    expect(api.blocks.length).toBeGreaterThanOrEqual(20);
    expect(api.blocks.length).toBeLessThanOrEqual(counters.blocksSent + 1);
    api.blocks.forEach(({ block, receivedAt }, i) => {
      expect(block.seq).toBe(i);
      expect([block.ecg.length, block.pleth.length, block.resp.length]).toEqual([10, 5, 1]);
      if (i > 0) expect(block.t - api.blocks[i - 1]!.block.t).toBe(40);
      // Sent once its last sample is due, and not much later.
      expect(receivedAt - block.t).toBeGreaterThanOrEqual(40);
      expect(receivedAt - block.t).toBeLessThan(200);
    });
  });

  it('counts and reports rejected samples', async () => {
    api.rejectEvery = 2;
    bed = startBed({
      apiUrl: url,
      deviceToken: TOKEN,
      scenario: 'stable',
      vitalsIntervalMs: 100,
      video: false,
    });
    const rejected: string[] = [];
    bed.on('rejected', ({ error }) => rejected.push(error.code));
    await until(() => bed!.counters().samplesSent >= 6);
    await until(
      () => bed!.counters().samplesAcked + bed!.counters().acksFailed === bed!.counters().samplesSent,
    );
    expect(bed.counters().acksFailed).toBeGreaterThanOrEqual(3);
    expect(rejected[0]).toBe('RATE_LIMITED');
  });

  it('reports the first threshold crossing with the crossing sample time', async () => {
    // Desaturation at 20× with no delay: SpO2 passes 90 % about 0.6 s after the welcome.
    bed = startBed({
      apiUrl: url,
      deviceToken: TOKEN,
      scenario: 'desaturation',
      seed: 2,
      scale: 20,
      delaySeconds: 0,
      vitalsIntervalMs: 100,
      video: false,
    });
    const crossings: CrossingEvent[] = [];
    bed.onCrossing((crossing) => crossings.push(crossing));
    await until(() => crossings.length > 0);
    await sleep(500);
    expect(crossings).toHaveLength(1);
    const [crossing] = crossings;
    expect(crossing).toMatchObject({ bedId: BED.bedId, rule: { vital: 'spo2', below: 90 }, sent: true });
    const first = api.samples.find(({ sample }) => sample.spo2! < 90)!;
    expect(first.sample.at).toBe(crossing!.at);
    expect(first.sample.spo2).toBe(crossing!.value);
  });

  it('link-drop: disconnects for the scripted time, sends nothing, then reconnects and resumes', async () => {
    bed = startBed({
      apiUrl: url,
      deviceToken: TOKEN,
      scenario: 'link-drop',
      delaySeconds: 0.5,
      durationSeconds: 1,
      vitalsIntervalMs: 100,
      video: false,
    });
    const links: Array<{ up: boolean; at: number }> = [];
    bed.on('link', ({ up }) => links.push({ up, at: Date.now() }));
    await bed.welcomed;
    await until(() => api.connections === 2, 4_000);
    expect(links.map((l) => l.up)).toEqual([false, true]);
    const downAt = api.disconnects[0]!;
    await sleep(500);
    // No samples were taken for sending while the bed's link was down (judged by the samples' own
    // times, not by arrival, which a loaded machine can delay).
    const down = links[0]!;
    const up = links[1]!;
    const during = api.blocks.filter(({ block }) => block.t > down.at + 50 && block.t + 40 < up.at - 50);
    expect(during).toHaveLength(0);
    const after = api.blocks.filter(({ receivedAt }) => receivedAt > downAt + 1_000);
    expect(after.length).toBeGreaterThan(5);
    // Resumed at the present, not replaying the gap.
    expect(after[0]!.receivedAt - after[0]!.block.t).toBeLessThan(200);
    expect(bed.counters().disconnects).toBe(1);
    expect(bed.counters().samplesSkipped).toBeGreaterThan(5);
  });

  it('stays off when the api hangs up on it (another device took the bed)', async () => {
    bed = startBed({
      apiUrl: url,
      deviceToken: TOKEN,
      scenario: 'stable',
      vitalsIntervalMs: 100,
      video: false,
    });
    await bed.welcomed;
    api.sockets[0]!.disconnect(true);
    await sleep(1_500);
    expect(api.connections).toBe(1);
    expect(bed.counters().samplesSkipped).toBeGreaterThan(5);
  });

  it('survives a refused token and stops cleanly', async () => {
    bed = startBed({ apiUrl: url, deviceToken: 'not-the-right-token-000', scenario: 'stable', video: false });
    await sleep(300);
    expect(bed.bedId).toBeUndefined();
    expect(bed.counters().connects).toBe(0);
    await bed.stop();
  });

  it('rejects a waveform block length the channels cannot share', () => {
    expect(() =>
      startBed({ apiUrl: url, deviceToken: TOKEN, scenario: 'stable', waveformBlockMs: 50 }),
    ).toThrow(/waveformBlockMs/);
  });
});

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasFfmpeg)(
  'bed camera over the bedside socket (real ffmpeg, a UDP sink for the SFU)',
  () => {
    let api: FakeBedsideApi;
    let sink: UdpSocket;
    let bed: BedRunner | undefined;
    const packetsBySsrc = new Map<number, number>();

    beforeEach(async () => {
      packetsBySsrc.clear();
      sink = createSocket('udp4');
      sink.on('message', (packet) => {
        // RTP only (RTCP packet types 192–223 share the port, rtcp-mux).
        if (packet.length < 12 || (packet[1]! >= 192 && packet[1]! <= 223)) return;
        const ssrc = packet.readUInt32BE(8);
        packetsBySsrc.set(ssrc, (packetsBySsrc.get(ssrc) ?? 0) + 1);
      });
      await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
      api = new FakeBedsideApi();
      api.videoTarget = { ip: '127.0.0.1', port: sink.address().port };
    });
    afterEach(async () => {
      await bed?.stop();
      bed = undefined;
      await api.close();
      sink.close();
    });

    it('opens, produces thumbnails, adds the focus layer only while focused, closes on stop', async () => {
      const url = await api.listen();
      bed = startBed({ apiUrl: url, deviceToken: TOKEN, scenario: 'stable', video: { fps: 10 } });
      const started = new Promise<string | undefined>((resolve) =>
        bed!.on('video', ({ state, producerId, error }) => resolve(state === 'started' ? producerId : error)),
      );
      expect(await started).toBe('producer-1');
      const produce = api.requests.find((r) => r.name === 'video:produce')!.payload as {
        transportId: string;
        rtpParameters: { encodings: { ssrc: number }[] };
      };
      expect(produce.transportId).toBe('transport-1');
      const ssrcs = produce.rtpParameters.encodings.map((e) => e.ssrc);
      // 160×90 and 320×180 always, 640×360 declared but idle.
      expect(ssrcs).toHaveLength(3);
      await until(
        () => (packetsBySsrc.get(ssrcs[0]!) ?? 0) > 5 && (packetsBySsrc.get(ssrcs[1]!) ?? 0) > 5,
        10_000,
      );
      expect(packetsBySsrc.get(ssrcs[2]!) ?? 0).toBe(0);

      api.sockets[0]!.emit('notification', { type: 'video:focus', on: true });
      await until(() => (packetsBySsrc.get(ssrcs[2]!) ?? 0) > 5, 10_000);
      api.sockets[0]!.emit('notification', { type: 'video:focus', on: false });
      await until(() => bed!.video()?.focusPid() === undefined, 5_000);

      await bed.stop();
      expect(api.requests.filter((r) => r.name === 'video:close')).toEqual([
        { name: 'video:close', payload: { transportId: 'transport-1' } },
      ]);
      expect(liveFfmpegCount()).toBe(0);
    }, 30_000);
  },
);
