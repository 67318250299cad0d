import { createSocket } from 'node:dgram';
import { startBedVideo, liveFfmpegCount, type BedVideoRpc } from '../src/bed-video';
import { ffmpegArgs } from '../src/bed-video/ffmpeg-args';
import { runFfmpeg } from '../src/bed-video/ffmpeg-process';
import type { RunningSfu } from '../src/sfu-server';
import { rtcpReceiverReport } from './support/rtp-fixtures';
import { connectRpc, startTestSfu, type RpcClient } from './support/sfu-harness';

let sfu: RunningSfu;
let rpc: RpcClient;
let bedRpc: BedVideoRpc;

beforeAll(async () => {
  sfu = await startTestSfu(1);
  rpc = await connectRpc(sfu.rpcUrl);
  bedRpc = { request: (name, payload) => rpc.ok(name, payload) };
});

afterAll(async () => {
  rpc.close();
  await sfu.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function streamCounts(producerId: string): Promise<Map<number, { packets: number; bytes: number }>> {
  const producer = sfu.rooms.producers.get(producerId)!.handle;
  const stats = await producer.getStats();
  return new Map(stats.map((s) => [s.ssrc, { packets: s.packetCount, bytes: s.byteCount }]));
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('bed video (real ffmpeg into a real mediasoup PlainTransport)', () => {
  it('names the apt command when ffmpeg is missing', async () => {
    await expect(
      startBedVideo({
        rpc: bedRpc,
        roomId: 'ward-missing',
        peerId: 'bed-1',
        label: 'Bed 1',
        ffmpegPath: '/nonexistent/ffmpeg',
      }),
    ).rejects.toThrow(/apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core/);
  });

  it('rejects layers ffmpeg could not encode before starting anything', async () => {
    await expect(
      startBedVideo({
        rpc: bedRpc,
        roomId: 'ward-bad',
        peerId: 'bed-1',
        label: 'Bed 1',
        layers: [{ width: 161, height: 90, bitrateKbps: 60 }],
      }),
    ).rejects.toThrow(/even/);
  });

  it('publishes three VP8 layers that all flow, lets a consumer switch between them, and stops cleanly', async () => {
    const roomId = 'ward-icu-2';
    const video = await startBedVideo({
      rpc: bedRpc,
      roomId,
      peerId: 'bed-7',
      label: "ICU-2 Bed 7 (O'Brien)",
    });
    try {
      expect(video.ssrcs).toHaveLength(3);
      expect(new Set(video.ssrcs).size).toBe(3);

      // Every layer's SSRC is received and keeps growing.
      await sleep(2500);
      const first = await streamCounts(video.producerId);
      await sleep(1500);
      const second = await streamCounts(video.producerId);
      for (const ssrc of video.ssrcs) {
        expect(first.get(ssrc)?.packets).toBeGreaterThan(0);
        expect(second.get(ssrc)!.packets).toBeGreaterThan(first.get(ssrc)!.packets);
        expect(second.get(ssrc)!.bytes).toBeGreaterThan(first.get(ssrc)!.bytes);
      }
      // Bigger layers carry more bytes: the encodings are in spatial order.
      const bytes = video.ssrcs.map((ssrc) => second.get(ssrc)!.bytes);
      expect(bytes[0]).toBeLessThan(bytes[2]!);

      // A viewer on a second plain transport switches layers (needs the sender reports to pass).
      const { rtpCapabilities } = await rpc.ok('router:ensure', { roomId });
      const egress = await rpc.ok('transport:createPlain', { roomId, peerId: 'station' });
      const viewer = createSocket('udp4');
      await new Promise<void>((resolve) => viewer.bind(0, '127.0.0.1', resolve));
      let received = 0;
      viewer.on('message', () => (received += 1));
      try {
        viewer.send(rtcpReceiverReport(4242), egress.port, egress.ip);
        const consumer = await rpc.ok('consumer:create', {
          transportId: egress.transportId,
          producerId: video.producerId,
          rtpCapabilities,
        });
        expect(consumer.type).toBe('simulcast');
        await rpc.ok('consumer:setPreferredLayers', { consumerId: consumer.consumerId, spatialLayer: 0 });
        await rpc.ok('consumer:resume', { consumerId: consumer.consumerId });
        await rpc.waitFor(
          (n) =>
            n.type === 'consumer:layersChanged' &&
            n.consumerId === consumer.consumerId &&
            n.spatialLayer === 0,
          15_000,
        );
        await rpc.ok('consumer:setPreferredLayers', { consumerId: consumer.consumerId, spatialLayer: 2 });
        await rpc.waitFor(
          (n) =>
            n.type === 'consumer:layersChanged' &&
            n.consumerId === consumer.consumerId &&
            n.spatialLayer === 2,
          15_000,
        );
        const consumerStats = await sfu.rooms.consumers.get(consumer.consumerId)!.handle.getStats();
        expect(consumerStats.find((s) => s.type === 'outbound-rtp')?.packetCount).toBeGreaterThan(0);
        expect(received).toBeGreaterThan(0);
      } finally {
        viewer.close();
      }
    } finally {
      await video.stop();
    }
    expect(isAlive(video.pid)).toBe(false);
    expect(liveFfmpegCount()).toBe(0);
    expect(sfu.rooms.producers.has(video.producerId)).toBe(false);
    await video.stop(); // idempotent
  }, 60_000);

  it('encodes the focus layer only while the bed is focused, and the viewer follows it up and down', async () => {
    const roomId = 'ward-focus';
    const video = await startBedVideo({
      rpc: bedRpc,
      roomId,
      peerId: 'bed-3',
      label: 'Bed 3',
      fps: 10,
      layers: [
        { width: 160, height: 90, bitrateKbps: 60 },
        { width: 320, height: 180, bitrateKbps: 150 },
      ],
      focusLayer: { width: 640, height: 360, bitrateKbps: 450 },
    });
    const viewer = createSocket('udp4');
    await new Promise<void>((resolve) => viewer.bind(0, '127.0.0.1', resolve));
    try {
      expect(video.ssrcs).toHaveLength(3);
      const { rtpCapabilities } = await rpc.ok('router:ensure', { roomId });
      const egress = await rpc.ok('transport:createPlain', { roomId, peerId: 'station' });
      viewer.send(rtcpReceiverReport(4343), egress.port, egress.ip);
      const consumer = await rpc.ok('consumer:create', {
        transportId: egress.transportId,
        producerId: video.producerId,
        rtpCapabilities,
      });
      const layerIs = (spatialLayer: number, after: number) =>
        rpc.waitFor(
          (n) =>
            n.type === 'consumer:layersChanged' &&
            n.consumerId === consumer.consumerId &&
            n.spatialLayer === spatialLayer &&
            rpc.notifications.indexOf(n) >= after,
          15_000,
        );
      // Preferring the top layer while it is not encoded: the viewer gets the best one there is.
      await rpc.ok('consumer:setPreferredLayers', { consumerId: consumer.consumerId, spatialLayer: 2 });
      await rpc.ok('consumer:resume', { consumerId: consumer.consumerId });
      await layerIs(1, 0);
      const unfocused = await streamCounts(video.producerId);
      expect(unfocused.get(video.ssrcs[2]!)?.packets ?? 0).toBe(0);

      let mark = rpc.notifications.length;
      await video.setFocus(true);
      expect(video.focusPid()).toBeGreaterThan(0);
      await layerIs(2, mark);
      expect((await streamCounts(video.producerId)).get(video.ssrcs[2]!)!.packets).toBeGreaterThan(0);

      const focusPid = video.focusPid()!;
      mark = rpc.notifications.length;
      await video.setFocus(false);
      expect(isAlive(focusPid)).toBe(false);
      await layerIs(1, mark);
    } finally {
      viewer.close();
      await video.stop();
    }
    expect(liveFfmpegCount()).toBe(0);
  }, 60_000);

  it('ffmpeg exits by itself when the host socket it feeds disappears (no orphan if the host is SIGKILLed)', async () => {
    const sink = createSocket('udp4');
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
    const first = new Promise((resolve) => sink.once('message', resolve));
    const run = runFfmpeg(
      'ffmpeg',
      ffmpegArgs({
        label: 'Bed 9',
        fps: 15,
        layers: [{ width: 160, height: 90, bitrateKbps: 60 }],
        ssrcs: [1234],
        payloadType: 101,
        port: sink.address().port,
      }),
    );
    try {
      await first;
      const closedAt = Date.now();
      sink.close();
      const exit = await run.exited;
      expect(exit.code).not.toBe(0);
      expect(Date.now() - closedAt).toBeLessThan(3000);
    } finally {
      await run.stop();
    }
  });
});
