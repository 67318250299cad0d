import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { SfuConfig } from '../config/sfu-config';
import type { Logger } from '../logger';

export interface PooledWorker {
  index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  udpPort: number;
  tcpPort: number;
}

interface WorkerPoolEvents {
  /** A worker died; the routers it carried are gone. A replacement is being started. */
  workerDied: [index: number, reason: string];
  workerReplaced: [index: number];
}

/**
 * One mediasoup worker per configured core, each with a WebRtcServer so all of its WebRTC
 * transports share one UDP and one TCP port (firewalls and containers need fixed ports).
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly workers: PooledWorker[] = [];
  private closed = false;

  constructor(
    private readonly config: SfuConfig,
    private readonly logger: Logger,
  ) {
    super();
  }

  async start(): Promise<void> {
    for (let index = 0; index < this.config.SFU_NUM_WORKERS; index += 1) {
      this.workers.push(await this.spawn(index));
    }
  }

  all(): readonly PooledWorker[] {
    return this.workers;
  }

  byPid(pid: number): PooledWorker | undefined {
    return this.workers.find((w) => w.worker.pid === pid);
  }

  /** The live worker carrying the fewest routers gets the next room; undefined while none is alive. */
  leastLoaded(routerCounts: (index: number) => number): PooledWorker | undefined {
    const alive = this.workers.filter((w) => !w.worker.died && !w.worker.closed);
    return alive.reduce<PooledWorker | undefined>(
      (best, w) => (best === undefined || routerCounts(w.index) < routerCounts(best.index) ? w : best),
      undefined,
    );
  }

  close(): void {
    this.closed = true;
    for (const { worker } of this.workers) worker.close();
  }

  private listenInfo(protocol: 'udp' | 'tcp', index: number): types.TransportListenInfo {
    const base = this.config.SFU_RTC_PORT_BASE;
    return {
      protocol,
      ip: this.config.SFU_LISTEN_IP,
      ...(this.config.SFU_ANNOUNCED_ADDRESS ? { announcedAddress: this.config.SFU_ANNOUNCED_ADDRESS } : {}),
      ...(base === 0 ? {} : { port: base + index }),
    };
  }

  private async spawn(index: number): Promise<PooledWorker> {
    const worker = await mediasoup.createWorker({ logLevel: 'warn', appData: { index } });
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [this.listenInfo('udp', index), this.listenInfo('tcp', index)],
    });
    const dump = await webRtcServer.dump();
    const udpPort = dump.udpSockets[0]?.port ?? 0;
    const tcpPort = dump.tcpServers[0]?.port ?? 0;
    worker.on('died', (error) => void this.replace(index, worker, error));
    this.logger.info({ index, pid: worker.pid, udpPort, tcpPort }, 'mediasoup worker started');
    return { index, worker, webRtcServer, udpPort, tcpPort };
  }

  private async replace(index: number, dead: types.Worker, error: Error): Promise<void> {
    if (this.closed) return;
    this.logger.error({ index, pid: dead.pid, err: error.message }, 'mediasoup worker died; replacing it');
    this.emit('workerDied', index, `media worker ${index} died (${error.message})`);
    // The dead process released its ports; retry briefly in case the kernel has not yet.
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.workers[index] = await this.spawn(index);
        break;
      } catch (spawnError) {
        if (attempt >= 10 || this.closed) {
          this.logger.fatal({ index, err: String(spawnError) }, 'could not replace mediasoup worker');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
    this.emit('workerReplaced', index);
  }
}
