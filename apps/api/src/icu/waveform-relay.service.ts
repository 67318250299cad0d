import { Injectable, Logger } from '@nestjs/common';
import { ECG_HZ } from '@teleconsult/clinical';
import {
  type StationWaveformMessage,
  WAVEFORM_CHANNEL_LABEL,
  WAVEFORM_CHANNEL_PROTOCOL,
  type WaveformBlockMessage,
} from '@teleconsult/protocol';
import { SfuClient } from '../sfu/sfu-client.service';
import { LiveBeds } from './live-beds.service';
import { bedPeerId, wardRoomId } from './ward-room';

/** Seconds of ECG kept per bed for the FHIR waveform export. */
export const ECG_HISTORY_SECONDS = 30;

interface EcgHistory {
  /** Epoch ms of samples[0]. */
  startAt: number;
  samples: number[];
}

/**
 * Waveforms from bedside devices into the SFU: one direct DataProducer per bed in its ward's room,
 * created on the bed's first block; stations consume it unordered and without retransmission. The
 * api never stores waveforms; it keeps the last 30 s of ECG per bed in memory for FHIR export.
 */
@Injectable()
export class WaveformRelay {
  private readonly logger = new Logger('WaveformRelay');
  private readonly creating = new Map<string, Promise<string | null>>();
  private readonly ecg = new Map<string, EcgHistory>();
  private readonly lastSeq = new Map<string, number>();
  /** Blocks received, and blocks the bedside skipped (sequence gaps), per bed. */
  readonly counters = new Map<string, { blocks: number; gaps: number }>();

  constructor(
    private readonly sfu: SfuClient,
    private readonly live: LiveBeds,
  ) {}

  relay(bedId: string, wardId: string, block: WaveformBlockMessage): void {
    this.count(bedId, block.seq);
    this.remember(bedId, block);
    const bed = this.live.get(bedId, wardId);
    const message: StationWaveformMessage = { bedId, ...block };
    const send = (dataProducerId: string) =>
      this.sfu
        .request('dataProducer:send', { dataProducerId, message: JSON.stringify(message) })
        .catch(() => {
          // The producer went with its room (worker death) or the SFU is away: make a new one next time.
          if (bed.waveformProducerId === dataProducerId) bed.waveformProducerId = null;
        });
    if (bed.waveformProducerId) {
      void send(bed.waveformProducerId);
      return;
    }
    void this.producerFor(bedId, wardId).then((id) => {
      if (id) void send(id);
    });
  }

  /** The device went away: close its data producer (stations see the bed without waveforms). */
  async close(bedId: string): Promise<void> {
    const bed = this.live.find(bedId);
    const id = bed?.waveformProducerId;
    if (!bed || !id) return;
    bed.waveformProducerId = null;
    this.lastSeq.delete(bedId);
    await this.sfu.request('dataProducer:close', { dataProducerId: id }).catch(() => undefined);
    this.live.changed(bedId);
  }

  ecgHistory(bedId: string): EcgHistory | null {
    return this.ecg.get(bedId) ?? null;
  }

  private producerFor(bedId: string, wardId: string): Promise<string | null> {
    const pending = this.creating.get(bedId);
    if (pending) return pending;
    const created = (async () => {
      try {
        const roomId = wardRoomId(wardId);
        await this.sfu.request('router:ensure', { roomId });
        const { dataProducerId } = await this.sfu.request('dataProducer:createDirect', {
          roomId,
          peerId: bedPeerId(bedId),
          label: WAVEFORM_CHANNEL_LABEL,
          protocol: WAVEFORM_CHANNEL_PROTOCOL,
        });
        this.live.get(bedId, wardId).waveformProducerId = dataProducerId;
        this.live.changed(bedId);
        return dataProducerId;
      } catch (error) {
        this.logger.warn(`no waveform producer for bed ${bedId}: ${String(error)}`);
        return null;
      } finally {
        this.creating.delete(bedId);
      }
    })();
    this.creating.set(bedId, created);
    return created;
  }

  private count(bedId: string, seq: number): void {
    const counter = this.counters.get(bedId) ?? { blocks: 0, gaps: 0 };
    const last = this.lastSeq.get(bedId);
    if (last !== undefined && seq > last + 1) counter.gaps += seq - last - 1;
    this.lastSeq.set(bedId, seq);
    counter.blocks += 1;
    this.counters.set(bedId, counter);
  }

  private remember(bedId: string, block: WaveformBlockMessage): void {
    const keep = ECG_HISTORY_SECONDS * ECG_HZ;
    const history = this.ecg.get(bedId);
    const contiguous =
      history &&
      Math.abs(history.startAt + (history.samples.length * 1000) / ECG_HZ - block.t) < 1000 / ECG_HZ;
    if (!history || !contiguous) {
      this.ecg.set(bedId, { startAt: block.t, samples: [...block.ecg] });
      return;
    }
    history.samples.push(...block.ecg);
    const excess = history.samples.length - keep;
    if (excess > 0) {
      history.samples.splice(0, excess);
      history.startAt += (excess * 1000) / ECG_HZ;
    }
  }
}
