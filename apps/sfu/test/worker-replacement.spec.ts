import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { createLogger } from '../src/logger';
import { loadSfuConfig } from '../src/config/sfu-config';
import { mediaCodecs } from '../src/rooms/media-codecs';
import { type RunningSfu, startSfu } from '../src/sfu-server';
import { connectRpc, TEST_SECRET, type RpcClient } from './support/sfu-harness';

/** A port that is free for both TCP and UDP right now, so the test can pin a worker to it. */
async function freeTcpAndUdpPort(): Promise<number> {
  for (;;) {
    const tcp = createServer();
    const port = await new Promise<number>((resolve) =>
      tcp.listen(0, '127.0.0.1', () => resolve((tcp.address() as { port: number }).port)),
    );
    const udp = createSocket('udp4');
    const udpFree = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, '127.0.0.1', () => resolve(true));
    });
    udp.close();
    await new Promise((resolve) => tcp.close(resolve));
    if (udpFree) return port;
  }
}

let sfu: RunningSfu;
let rpc: RpcClient;
let port: number;

beforeAll(async () => {
  port = await freeTcpAndUdpPort();
  const config = loadSfuConfig({
    SFU_SECRET: TEST_SECRET,
    SFU_RPC_PORT: '0',
    SFU_RTC_PORT_BASE: String(port),
    SFU_NUM_WORKERS: '1',
  });
  sfu = await startSfu(config, createLogger('silent'));
  rpc = await connectRpc(sfu.rpcUrl);
});

afterAll(async () => {
  rpc.close();
  await sfu.close();
});

describe('a worker on fixed ports', () => {
  it('comes back on the same UDP and TCP ports after it is killed', async () => {
    const before = await rpc.ok('sfu:status', {});
    expect(before.workers).toEqual([
      expect.objectContaining({ index: 0, webRtcServer: { udpPort: port, tcpPort: port } }),
    ]);
    const deadPid = before.workers[0]!.pid;
    await rpc.ok('router:ensure', { roomId: 'pinned' });

    const replaced = new Promise<void>((resolve) => sfu.pool.once('workerReplaced', () => resolve()));
    process.kill(deadPid, 'SIGKILL');
    await rpc.waitFor((n) => n.type === 'room:mediaReset' && n.roomId === 'pinned');
    await replaced;

    const after = await rpc.ok('sfu:status', {});
    expect(after.workers).toEqual([
      expect.objectContaining({
        index: 0,
        routers: 0,
        transports: 0,
        webRtcServer: { udpPort: port, tcpPort: port },
      }),
    ]);
    expect(after.workers[0]!.pid).not.toBe(deadPid);

    const again = await rpc.ok('router:ensure', { roomId: 'pinned' });
    expect(again.workerPid).toBe(after.workers[0]!.pid);
    const transport = await rpc.ok('transport:create', { roomId: 'pinned', peerId: 'p', direction: 'recv' });
    expect(transport.iceCandidates.map((c) => c.port)).toEqual([port, port]);
  });

  it('has no worker to place a room on while the only one is being replaced', async () => {
    const { pid } = (await rpc.ok('sfu:status', {})).workers[0]!;
    const replaced = new Promise<void>((resolve) => sfu.pool.once('workerReplaced', () => resolve()));
    // Asked at the moment of death (the replacement starts after this event), placement finds no live worker.
    const placement = new Promise<unknown>((resolve) =>
      sfu.pool.once('workerDied', () => resolve(sfu.pool.createRouter('during-replacement', mediaCodecs))),
    );
    process.kill(pid, 'SIGKILL');
    expect(await placement).toBeUndefined();
    await replaced;
    await rpc.ok('router:ensure', { roomId: 'during-replacement' });
  });
});
