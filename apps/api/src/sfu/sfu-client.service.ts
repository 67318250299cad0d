import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Ack } from '@teleconsult/protocol';
import type {
  SfuClientToServerEvents,
  SfuNotification,
  SfuRequestName,
  SfuRequestPayload,
  SfuResponseMap,
  SfuServerToClientEvents,
} from '@teleconsult/sfu-rpc';
import { io, type Socket } from 'socket.io-client';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

const REQUEST_TIMEOUT_MS = 5_000;

/** The api's only door to mediasoup: typed requests over the authenticated internal RPC. */
@Injectable()
export class SfuClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SfuClient');
  private socket!: Socket<SfuServerToClientEvents, SfuClientToServerEvents>;
  readonly notifications = new EventEmitter<{ notification: [SfuNotification] }>();

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  onModuleInit(): void {
    this.socket = io(this.config.SFU_URL, {
      auth: { secret: this.config.SFU_SECRET },
      transports: ['websocket'],
      reconnectionDelayMax: 2_000,
    });
    // Retries run every few seconds during an outage: log its start and end, not every attempt.
    let outageLogged = false;
    this.socket.on('connect', () => {
      outageLogged = false;
      this.logger.log(`connected to the SFU at ${this.config.SFU_URL}`);
    });
    this.socket.on('disconnect', (reason) => this.logger.warn(`lost the SFU (${reason}); reconnecting`));
    this.socket.on('connect_error', (error) => {
      if (outageLogged) return;
      outageLogged = true;
      this.logger.warn(`cannot reach the SFU at ${this.config.SFU_URL}: ${error.message}; retrying`);
    });
    this.socket.on('notification', (notification) => this.notifications.emit('notification', notification));
  }

  onModuleDestroy(): void {
    this.socket.close();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Resolves with the SFU's answer; rejects with an ApiError carrying the SFU's code. */
  async request<K extends SfuRequestName>(
    name: K,
    payload: SfuRequestPayload<K>,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<SfuResponseMap[K]> {
    if (!this.socket.connected)
      throw new ApiError('SFU_UNAVAILABLE', 'the media server is not reachable; retry shortly');
    let ack: Ack<SfuResponseMap[K]>;
    try {
      // socket.io's typed emitWithAck cannot express "the ack of event K"; the contract does.
      const timed = this.socket.timeout(timeoutMs) as unknown as {
        emitWithAck(event: string, payload: unknown): Promise<Ack<SfuResponseMap[K]>>;
      };
      ack = await timed.emitWithAck(name, payload);
    } catch {
      throw new ApiError('SFU_UNAVAILABLE', `the media server did not answer ${name} in time`);
    }
    if (!ack.ok) throw new ApiError(ack.error.code, ack.error.message, ack.error.field);
    return ack.data;
  }
}
