import type { SfuRequestName, SfuRequestPayload, SfuResponseMap } from '@teleconsult/sfu-rpc';
import type { SfuConfig } from '../config/sfu-config';
import type { RoomRegistry } from '../rooms/room-registry';
import type { WorkerPool } from '../workers/worker-pool';

export interface HandlerContext {
  config: SfuConfig;
  rooms: RoomRegistry;
  pool: WorkerPool;
}

export type Handler<K extends SfuRequestName> = (
  payload: SfuRequestPayload<K>,
  context: HandlerContext,
) => Promise<SfuResponseMap[K]>;

export type HandlerTable<K extends SfuRequestName> = { [Name in K]: Handler<Name> };
