import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
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
  /** Ids of the rooms whose router lives on this worker. */
  rooms: Set<string>;
}

interface WorkerPoolEvents {
  /** A worker died with these rooms' routers; a replacement is being started. */
  workerDied: [index: number, reason: string, roomIds: string[]];
  workerReplaced: [index: number];
}

/** How long a replacement keeps retrying while the kernel releases the dead worker's fixed ports. */
const REPLACE_ATTEMPTS = 10;

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
    try {
      for (let index = 0; index < this.config.SFU_NUM_WORKERS; index += 1) {
        this.workers.push(await this.spawn(index));
      }
    } catch (error) {
      // A half-started pool would keep its worker processes (and the Node process) alive.
      await this.close();
      throw error;
    }
  }

  all(): readonly PooledWorker[] {
    return this.workers;
  }

  /** A router for the room on the live worker carrying the fewest rooms; undefined while none is alive. */
  async createRouter(
    roomId: string,
    mediaCodecs: types.RouterRtpCodecCapability[],
  ): Promise<{ router: types.Router; pooled: PooledWorker } | undefined> {
    const pooled = this.workers
      .filter((w) => !w.worker.died && !w.worker.closed)
      .reduce<PooledWorker | undefined>(
        (best, w) => (best && best.rooms.size <= w.rooms.size ? best : w),
        undefined,
      );
    if (!pooled) return undefined;
    const router = await pooled.worker.createRouter({ mediaCodecs, appData: { roomId } });
    pooled.rooms.add(roomId);
    router.observer.once('close', () => {
      // A dying worker closes its routers before it emits 'died': keep those rooms for the report.
      if (!pooled.worker.died) pooled.rooms.delete(roomId);
    });
    return { router, pooled };
  }

  /** Closes every worker and resolves once their processes have exited (so none outlives the SFU). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.workers.map(({ worker }) => {
        const exited = worker.subprocessClosed
          ? Promise.resolve()
          : new Promise<void>((resolve) => worker.once('subprocessclose', resolve));
        worker.close();
        return exited;
      }),
    );
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
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      appData: { index },
      ...(this.config.MEDIASOUP_WORKER_BIN ? { workerBin: this.config.MEDIASOUP_WORKER_BIN } : {}),
    });
    try {
      const webRtcServer = await worker.createWebRtcServer({
        listenInfos: [this.listenInfo('udp', index), this.listenInfo('tcp', index)],
      });
      const dump = await webRtcServer.dump();
      const pooled: PooledWorker = {
        index,
        worker,
        webRtcServer,
        udpPort: dump.udpSockets[0]?.port ?? 0,
        tcpPort: dump.tcpServers[0]?.port ?? 0,
        rooms: new Set(),
      };
      worker.on('died', (error) => void this.replace(pooled, error));
      this.logger.info(
        { index, workerPid: worker.pid, udpPort: pooled.udpPort, tcpPort: pooled.tcpPort },
        'mediasoup worker started',
      );
      return pooled;
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  private async replace(dead: PooledWorker, error: Error): Promise<void> {
    if (this.closed) return;
    const { index } = dead;
    const roomIds = [...dead.rooms];
    dead.rooms.clear();
    this.logger.error(
      { index, workerPid: dead.worker.pid, err: error.message, rooms: roomIds.length },
      'mediasoup worker died',
    );
    this.emit('workerDied', index, `media worker ${index} died (${error.message})`, roomIds);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const replacement = await this.spawn(index);
        if (this.closed) {
          replacement.worker.close();
          return;
        }
        this.workers[index] = replacement;
        break;
      } catch (spawnError) {
        if (attempt >= REPLACE_ATTEMPTS || this.closed) {
          this.logger.fatal({ index, err: String(spawnError) }, 'could not replace mediasoup worker');
          return;
        }
        // The dead process's fixed ports may not be free yet.
        await sleep(200 * attempt);
      }
    }
    this.logger.info({ index, workerPid: this.workers[index]?.worker.pid }, 'mediasoup worker replaced');
    this.emit('workerReplaced', index);
  }
}
