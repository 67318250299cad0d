import type { RunningSfu } from '../src/sfu-server';
import { connectRpc, startTestSfu, type RpcClient } from './support/sfu-harness';

let sfu: RunningSfu;
let rpc: RpcClient;

beforeAll(async () => {
  sfu = await startTestSfu(1);
  rpc = await connectRpc(sfu.rpcUrl);
});

afterAll(async () => {
  rpc.close();
  await sfu.close();
});

let roomCounter = 0;
const newRoom = async () => {
  const roomId = `data-room-${++roomCounter}`;
  await rpc.ok('router:ensure', { roomId });
  return roomId;
};

/** Taps a data producer from inside the SFU, as a station's data consumer would receive it. */
async function tap(roomId: string, dataProducerId: string): Promise<string[]> {
  const transport = await sfu.rooms.room(roomId).router.createDirectTransport();
  const consumer = await transport.consumeData({ dataProducerId });
  const received: string[] = [];
  consumer.on('message', (message: Buffer) => received.push(message.toString('utf8')));
  return received;
}

const waitUntil = async (predicate: () => boolean, timeoutMs = 5_000) => {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('data channels', () => {
  it('carries messages an api-fed (direct) producer sends to a consumer in the room', async () => {
    const roomId = await newRoom();
    const { dataProducerId } = await rpc.ok('dataProducer:createDirect', {
      roomId,
      peerId: 'bed-1',
      label: 'ecg-ii',
      protocol: 'teleconsult.waveform.v1',
    });
    const received = await tap(roomId, dataProducerId);
    const blocks = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ seq: i, t: 1_800_000_000_000 + i * 40, v: [0.1, 0.2, 1.1] }),
    );
    for (const message of blocks) await rpc.ok('dataProducer:send', { dataProducerId, message });
    await waitUntil(() => received.length === blocks.length);
    expect(received).toEqual(blocks);
  });

  it('opens SCTP on a WebRTC transport when asked, and gives an unordered, no-retransmit consumer', async () => {
    const roomId = await newRoom();
    const plain = await rpc.ok('transport:create', { roomId, peerId: 'station', direction: 'recv' });
    expect(plain.sctpParameters).toBeUndefined();
    const station = await rpc.ok('transport:create', {
      roomId,
      peerId: 'station',
      direction: 'recv',
      enableSctp: true,
    });
    expect(station.sctpParameters).toMatchObject({ port: 5000 });
    const { dataProducerId } = await rpc.ok('dataProducer:createDirect', {
      roomId,
      peerId: 'bed-2',
      label: 'pleth',
      protocol: '',
    });
    const consumer = await rpc.ok('dataConsumer:create', {
      transportId: station.transportId,
      dataProducerId,
      ordered: false,
      maxRetransmits: 0,
    });
    expect(consumer).toMatchObject({
      dataProducerId,
      label: 'pleth',
      sctpStreamParameters: { ordered: false, maxRetransmits: 0 },
    });
    // A transport without SCTP cannot take a data consumer: a typed error, nothing created.
    const refused = await rpc.call('dataConsumer:create', { transportId: plain.transportId, dataProducerId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_MEDIA_PARAMETERS' } });
  });

  it('tells the consumer side when the data producer closes', async () => {
    const roomId = await newRoom();
    const station = await rpc.ok('transport:create', {
      roomId,
      peerId: 'station',
      direction: 'recv',
      enableSctp: true,
    });
    const { dataProducerId } = await rpc.ok('dataProducer:createDirect', {
      roomId,
      peerId: 'bed-3',
      label: 'resp',
      protocol: '',
    });
    const { dataConsumerId } = await rpc.ok('dataConsumer:create', {
      transportId: station.transportId,
      dataProducerId,
    });
    await rpc.ok('dataProducer:close', { dataProducerId });
    await rpc.waitFor((n) => n.type === 'dataConsumer:closed' && n.dataConsumerId === dataConsumerId);
  });

  it('keeps rooms apart and rejects bad input with typed errors', async () => {
    const roomA = await newRoom();
    const roomB = await newRoom();
    const { dataProducerId } = await rpc.ok('dataProducer:createDirect', {
      roomId: roomA,
      peerId: 'bed-a',
      label: 'ecg',
      protocol: '',
    });
    const stationB = await rpc.ok('transport:create', {
      roomId: roomB,
      peerId: 'station',
      direction: 'recv',
      enableSctp: true,
    });
    expect(
      await rpc.call('dataConsumer:create', { transportId: stationB.transportId, dataProducerId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'dataProducerId' },
    });
    expect(
      await rpc.call('dataProducer:send', { dataProducerId, message: 'x'.repeat(70 * 1024) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'message' },
    });
    expect(
      await rpc.call('dataProducer:create', {
        transportId: stationB.transportId,
        sctpStreamParameters: { streamId: 1, maxPacketLifeTime: 100, maxRetransmits: 0 },
        label: 'ecg',
        protocol: '',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'sctpStreamParameters.maxRetransmits' },
    });
    expect(
      await rpc.call('dataProducer:createDirect', {
        roomId: roomA,
        peerId: 'bed-a',
        label: '<script>',
        protocol: '',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'label' },
    });
    // A WebRTC transport's producer cannot be fed over the RPC.
    const sender = await rpc.ok('transport:create', {
      roomId: roomB,
      peerId: 'bedside',
      direction: 'send',
      enableSctp: true,
    });
    const browserFed = await rpc.ok('dataProducer:create', {
      transportId: sender.transportId,
      sctpStreamParameters: { streamId: 3, ordered: false, maxRetransmits: 0 },
      label: 'ecg',
      protocol: '',
    });
    expect(
      await rpc.call('dataProducer:send', { dataProducerId: browserFed.dataProducerId, message: 'hi' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_MEDIA_PARAMETERS' },
    });
  });
});
