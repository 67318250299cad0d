import { io } from 'socket.io-client';
import type { RunningSfu } from '../src/sfu-server';
import { connectRpc, startTestSfu, type RpcClient } from './support/sfu-harness';
import { opusRtpParameters, rtcpReceiverReport, sendVp8, vp8RtpParameters } from './support/rtp-fixtures';

let sfu: RunningSfu;
let rpc: RpcClient;

beforeAll(async () => {
  sfu = await startTestSfu(2);
  rpc = await connectRpc(sfu.rpcUrl);
});

afterAll(async () => {
  rpc.close();
  await sfu.close();
});

const fingerprint = Array.from({ length: 32 }, (_, i) =>
  (i * 7).toString(16).padStart(2, '0').toUpperCase(),
).join(':');

let roomCounter = 0;
const newRoom = async () => {
  const roomId = `room-${++roomCounter}`;
  const router = await rpc.ok('router:ensure', { roomId });
  return { roomId, rtpCapabilities: router.rtpCapabilities };
};

describe('RPC authentication', () => {
  it('refuses a connection without the shared secret', async () => {
    await expect(connectRpc(sfu.rpcUrl, 'wrong-secret-wrong-secret-wrong-secret!')).rejects.toMatchObject({
      message: 'UNAUTHENTICATED',
    });
  });

  it('refuses a connection with no auth at all', async () => {
    const socket = io(sfu.rpcUrl, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(error.message).toBe('UNAUTHENTICATED');
  });
});

describe('transports, producers and consumers', () => {
  it('creates a router per room on the least-loaded worker and WebRTC transports on its WebRtcServer', async () => {
    const a = await rpc.ok('router:ensure', { roomId: 'placement-a' });
    const b = await rpc.ok('router:ensure', { roomId: 'placement-b' });
    expect(a.workerPid).not.toBe(b.workerPid);
    expect(a.rtpCapabilities.codecs?.map((c) => c.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8']),
    );

    const transport = await rpc.ok('transport:create', {
      roomId: 'placement-a',
      peerId: 'p1',
      direction: 'send',
    });
    const status = await rpc.ok('sfu:status', {});
    const worker = status.workers.find((w) => w.pid === a.workerPid)!;
    expect(transport.iceCandidates.map((c) => c.port)).toEqual(
      expect.arrayContaining([worker.webRtcServer.udpPort, worker.webRtcServer.tcpPort]),
    );
    expect(transport.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    expect(transport.iceParameters).toMatchObject({
      usernameFragment: expect.any(String),
      password: expect.any(String),
    });

    // The client's DTLS parameters, as mediasoup-client sends them after its first offer.
    const dtlsParameters = {
      role: 'client' as const,
      fingerprints: [{ algorithm: 'sha-256' as const, value: fingerprint }],
    };
    expect(await rpc.ok('transport:connect', { transportId: transport.transportId, dtlsParameters })).toEqual(
      {},
    );
    const again = await rpc.call('transport:connect', { transportId: transport.transportId, dtlsParameters });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_MEDIA_PARAMETERS' } });

    const restarted = await rpc.ok('transport:restartIce', { transportId: transport.transportId });
    expect(restarted.iceParameters.usernameFragment).not.toBe(transport.iceParameters.usernameFragment);
    const status2 = await rpc.ok('sfu:status', {});
    expect(status2.workers.find((w) => w.pid === a.workerPid)).toMatchObject({
      routers: expect.any(Number),
      transports: 1,
    });
    await rpc.ok('transport:close', { transportId: transport.transportId });
    expect(await rpc.call('transport:close', { transportId: transport.transportId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('gives the same router to concurrent router:ensure calls for one room', async () => {
    const [one, two] = await Promise.all([
      rpc.ok('router:ensure', { roomId: 'concurrent' }),
      rpc.ok('router:ensure', { roomId: 'concurrent' }),
    ]);
    expect(one.workerPid).toBe(two.workerPid);
    const status = await rpc.ok('sfu:status', {});
    await rpc.ok('router:close', { roomId: 'concurrent' });
    const after = await rpc.ok('sfu:status', {});
    const routersOf = (s: typeof status) => s.workers.find((w) => w.pid === one.workerPid)!.routers;
    expect(routersOf(after)).toBe(routersOf(status) - 1);
  });

  it('lets one peer consume another peer’s producer, paused until resumed, and reports producer pauses', async () => {
    const { roomId, rtpCapabilities } = await newRoom();
    const send = await rpc.ok('transport:create', { roomId, peerId: 'alice', direction: 'send' });
    const recv = await rpc.ok('transport:create', { roomId, peerId: 'bob', direction: 'recv' });
    const { producerId } = await rpc.ok('producer:create', {
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: opusRtpParameters,
      source: 'microphone',
    });
    const consumer = await rpc.ok('consumer:create', {
      transportId: recv.transportId,
      producerId,
      rtpCapabilities,
    });
    expect(consumer).toMatchObject({ producerId, kind: 'audio', type: 'simple', producerPaused: false });
    expect(await rpc.ok('consumer:resume', { consumerId: consumer.consumerId })).toEqual({});

    await rpc.ok('producer:pause', { producerId });
    await rpc.waitFor((n) => n.type === 'consumer:producerPaused' && n.consumerId === consumer.consumerId);
    await rpc.ok('producer:resume', { producerId });
    await rpc.waitFor((n) => n.type === 'consumer:producerResumed' && n.consumerId === consumer.consumerId);

    await rpc.ok('producer:close', { producerId });
    await rpc.waitFor((n) => n.type === 'consumer:closed' && n.consumerId === consumer.consumerId);
  });

  it('closes everything a peer owns on peer:close', async () => {
    const { roomId } = await newRoom();
    const send = await rpc.ok('transport:create', { roomId, peerId: 'leaver', direction: 'send' });
    const { producerId } = await rpc.ok('producer:create', {
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: opusRtpParameters,
      source: 'microphone',
    });
    await rpc.ok('peer:close', { roomId, peerId: 'leaver' });
    const pause = await rpc.call('producer:pause', { producerId });
    expect(pause).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'producerId' } });
  });
});

describe('simulcast', () => {
  it('forwards the preferred spatial layer of a three-layer VP8 producer fed with real RTP', async () => {
    const { roomId, rtpCapabilities } = await newRoom();
    const ssrcs = [1001, 1002, 1003];
    const ingress = await rpc.ok('transport:createPlain', { roomId, peerId: 'camera' });
    const { producerId } = await rpc.ok('producer:create', {
      transportId: ingress.transportId,
      kind: 'video',
      rtpParameters: vp8RtpParameters(ssrcs),
      source: 'camera',
    });
    const sender = sendVp8(ingress, ssrcs);
    try {
      const egress = await rpc.ok('transport:createPlain', { roomId, peerId: 'viewer' });
      // Comedia: the egress transport learns where to send from the first packet it receives.
      sender.socket.send(rtcpReceiverReport(4242), egress.port, egress.ip);
      const consumer = await rpc.ok('consumer:create', {
        transportId: egress.transportId,
        producerId,
        rtpCapabilities,
      });
      expect(consumer.type).toBe('simulcast');
      // Layers are timed by Sender Reports, never abs-capture-time (see capabilitiesForClients).
      expect(rtpCapabilities.headerExtensions?.map((e) => e.uri)).not.toContain(
        'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time',
      );
      // A camera's lowest layer is served before any other video on a congested downlink.
      expect(sfu.rooms.consumers.get(consumer.consumerId)!.handle.priority).toBe(2);
      await rpc.ok('consumer:setPreferredLayers', { consumerId: consumer.consumerId, spatialLayer: 0 });
      await rpc.ok('consumer:resume', { consumerId: consumer.consumerId });
      await rpc.waitFor(
        (n) =>
          n.type === 'consumer:layersChanged' && n.consumerId === consumer.consumerId && n.spatialLayer === 0,
      );

      await rpc.ok('consumer:setPreferredLayers', { consumerId: consumer.consumerId, spatialLayer: 2 });
      await rpc.waitFor(
        (n) =>
          n.type === 'consumer:layersChanged' && n.consumerId === consumer.consumerId && n.spatialLayer === 2,
      );

      // The sender stops its top layer (as a browser does under CPU or uplink pressure): the
      // viewer falls back to the next layer instead of freezing.
      const before = rpc.notifications.length;
      sender.drop(ssrcs[2]!);
      await rpc.waitFor(
        (n) =>
          rpc.notifications.indexOf(n) >= before &&
          n.type === 'consumer:layersChanged' &&
          n.consumerId === consumer.consumerId &&
          n.spatialLayer === 1,
        15_000,
      );
    } finally {
      sender.stop();
    }
  });
});

describe('bad input', () => {
  it('answers an unknown request with UNKNOWN_EVENT', async () => {
    expect(await rpc.raw('router:explode', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
  });

  it('carries out a request sent without an ack, and survives a bad one', async () => {
    rpc.socket.emit('router:explode', {});
    rpc.socket.emit('transport:create', { roomId: 'x' });
    rpc.socket.emit('router:ensure', { roomId: 'no-ack' });
    let created = await rpc.call('transport:create', { roomId: 'no-ack', peerId: 'p', direction: 'recv' });
    for (let i = 0; i < 20 && !created.ok; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      created = await rpc.call('transport:create', { roomId: 'no-ack', peerId: 'p', direction: 'recv' });
    }
    expect(created).toMatchObject({ ok: true });
  });

  it('names the field of a payload that fails its schema', async () => {
    const ack = await rpc.raw('transport:create', { roomId: 'x', peerId: 'y', direction: 'sideways' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'direction' } });
  });

  it('rejects a payload that is not an object, and a layer out of range', async () => {
    expect(await rpc.raw('router:ensure', 'room-1')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const ack = await rpc.raw('consumer:setPreferredLayers', { consumerId: 'c', spatialLayer: 9 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'spatialLayer' } });
  });

  it('rejects a produce whose encodings name a payload type none of its codecs has', async () => {
    const { roomId } = await newRoom();
    const send = await rpc.ok('transport:create', { roomId, peerId: 'p', direction: 'send' });
    const parameters = { ...opusRtpParameters, encodings: [{ ssrc: 6666, codecPayloadType: 99 }] };
    const ack = await rpc.call('producer:create', {
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: parameters,
      source: 'microphone',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_MEDIA_PARAMETERS' } });
  });

  it('rejects a consume whose capabilities cannot receive the producer', async () => {
    const { roomId } = await newRoom();
    const send = await rpc.ok('transport:createPlain', { roomId, peerId: 'cam' });
    const { producerId } = await rpc.ok('producer:create', {
      transportId: send.transportId,
      kind: 'video',
      rtpParameters: vp8RtpParameters([4321]),
      source: 'camera',
    });
    const recv = await rpc.ok('transport:create', { roomId, peerId: 'h264-only', direction: 'recv' });
    const rtpCapabilities = {
      codecs: [
        {
          kind: 'video' as const,
          mimeType: 'video/H264',
          preferredPayloadType: 102,
          clockRate: 90000,
          parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' },
        },
      ],
    };
    const ack = await rpc.call('consumer:create', {
      transportId: recv.transportId,
      producerId,
      rtpCapabilities,
    });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'INVALID_MEDIA_PARAMETERS', field: 'rtpCapabilities' },
    });
  });

  it('rejects a produce whose codec the router does not have', async () => {
    const { roomId } = await newRoom();
    const send = await rpc.ok('transport:create', { roomId, peerId: 'p', direction: 'send' });
    const parameters = vp8RtpParameters([77]);
    parameters.codecs[0]!.mimeType = 'video/AV2';
    const ack = await rpc.call('producer:create', {
      transportId: send.transportId,
      kind: 'video',
      rtpParameters: parameters,
      source: 'camera',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_MEDIA_PARAMETERS' } });
  });

  it('will not let a transport consume a producer of another room', async () => {
    const one = await newRoom();
    const two = await newRoom();
    const send = await rpc.ok('transport:create', { roomId: one.roomId, peerId: 'a', direction: 'send' });
    const { producerId } = await rpc.ok('producer:create', {
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: opusRtpParameters,
      source: 'microphone',
    });
    const recv = await rpc.ok('transport:create', { roomId: two.roomId, peerId: 'b', direction: 'recv' });
    const ack = await rpc.call('consumer:create', {
      transportId: recv.transportId,
      producerId,
      rtpCapabilities: two.rtpCapabilities,
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'producerId' } });
  });

  it('reports an unknown transport as NOT_FOUND', async () => {
    const ack = await rpc.call('transport:restartIce', { transportId: 'no-such-transport' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'transportId' } });
  });

  it('drops a connection that sends an oversized message and keeps serving the others', async () => {
    const greedy = await connectRpc(sfu.rpcUrl);
    const disconnected = new Promise<string>((resolve) => greedy.socket.once('disconnect', resolve));
    greedy.socket.emit('router:ensure', { roomId: 'x'.repeat(2 * 1024 * 1024) });
    expect(await disconnected).toBe('transport close');
    const { roomId } = await newRoom();
    expect(roomId).toBeTruthy();
  });
});

describe('worker death', () => {
  it('replaces a killed worker, tells only the rooms it carried to rejoin, and leaves the others working', async () => {
    const doomed = await newRoom();
    const { workerPid } = await rpc.ok('router:ensure', { roomId: doomed.roomId });
    const doomedTransport = await rpc.ok('transport:create', {
      roomId: doomed.roomId,
      peerId: 'p',
      direction: 'send',
    });
    // Least-loaded placement puts the next fresh rooms on the other worker at least once.
    let survivor = await newRoom();
    while ((await rpc.ok('router:ensure', { roomId: survivor.roomId })).workerPid === workerPid)
      survivor = await newRoom();
    const send = await rpc.ok('transport:create', {
      roomId: survivor.roomId,
      peerId: 'a',
      direction: 'send',
    });

    process.kill(workerPid, 'SIGKILL');
    const reset = await rpc.waitFor((n) => n.type === 'room:mediaReset' && n.roomId === doomed.roomId);
    expect(reset).toMatchObject({ reason: expect.stringContaining('died') });
    expect(await rpc.call('transport:close', { transportId: doomedTransport.transportId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // The other worker's room never noticed.
    const { producerId } = await rpc.ok('producer:create', {
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: opusRtpParameters,
      source: 'microphone',
    });
    expect(producerId).toBeTruthy();
    expect(rpc.notifications.some((n) => n.type === 'room:mediaReset' && n.roomId === survivor.roomId)).toBe(
      false,
    );

    let status = await rpc.ok('sfu:status', {});
    for (let i = 0; i < 50 && status.workers.some((w) => w.pid === workerPid); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      status = await rpc.ok('sfu:status', {});
    }
    expect(status.workers.map((w) => w.pid)).not.toContain(workerPid);
    expect(status.workers).toHaveLength(2);

    const again = await rpc.ok('router:ensure', { roomId: doomed.roomId });
    expect(again.workerPid).not.toBe(workerPid);
    await rpc.ok('transport:create', { roomId: doomed.roomId, peerId: 'back', direction: 'recv' });
  });
});
