import type { SfuConfig } from './config/sfu-config';
import { type Logger, createLogger } from './logger';
import { RoomRegistry } from './rooms/room-registry';
import { RpcServer } from './rpc/rpc-server';
import { WorkerPool } from './workers/worker-pool';

export interface RunningSfu {
  rpcUrl: string;
  rpcPort: number;
  /** The workers themselves, for tests that kill one. */
  pool: WorkerPool;
  /** Rooms and their handles, for tests that inspect or tap them. */
  rooms: RoomRegistry;
  close(): Promise<void>;
}

/** Starts the workers and the internal RPC; used by main.ts and by tests. */
export async function startSfu(
  config: SfuConfig,
  logger: Logger = createLogger(config.LOG_LEVEL),
): Promise<RunningSfu> {
  const pool = new WorkerPool(config, logger);
  await pool.start();
  // The registry reports to the RPC server, which needs the registry: bind through a holder.
  const notifier: { rpc?: RpcServer } = {};
  const rooms = new RoomRegistry(pool, (notification) => notifier.rpc?.notify(notification));
  const rpc = new RpcServer({ config, rooms, pool }, logger);
  notifier.rpc = rpc;
  let rpcPort: number;
  try {
    rpcPort = await rpc.listen(config.SFU_RPC_HOST, config.SFU_RPC_PORT);
  } catch (error) {
    await pool.close();
    throw error;
  }
  logger.info({ rpcPort, workers: config.SFU_NUM_WORKERS }, 'SFU ready');
  const host = config.SFU_RPC_HOST.includes(':') ? `[${config.SFU_RPC_HOST}]` : config.SFU_RPC_HOST;
  return {
    rpcUrl: `http://${host}:${rpcPort}`,
    rpcPort,
    pool,
    rooms,
    close: async () => {
      await rpc.close();
      await pool.close();
    },
  };
}
