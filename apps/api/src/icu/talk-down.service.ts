import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import type { RtpParameters, TransportOptions } from '@teleconsult/protocol';
import { AuditService } from '../audit/audit.service';
import type { SocketClinician } from '../auth/clinician-socket-auth';
import { ApiError } from '../common/api-error';
import { SfuClient } from '../sfu/sfu-client.service';
import { type LiveBed, LiveBeds, type TalkSession } from './live-beds.service';
import { stationPeerId, wardRoomId } from './ward-room';

type TalkEvents = {
  /** The talker's microphone is live: the bed's device should consume and play it. */
  incoming: [bedId: string, producerId: string, clinician: string];
  /** A talk-down ended; the session's `producerId` is null if it ended before the microphone was produced. */
  ended: [bedId: string, session: TalkSession, reason: TalkEndReason];
};

/** Why a talk-down ended: the talker asked, or something underneath it went away. */
export type TalkEndReason =
  'stopped' | 'station left' | 'access revoked' | 'bedside offline' | 'producer closed' | 'media reset';

/**
 * Talk-down: one station at a time talks to a bed. The station's microphone goes through a send
 * transport in the ward's SFU room; the bed's device consumes it. While the talk lasts, the bedside
 * microphone may be produced and only the talker may consume it. Start and end are audited.
 */
@Injectable()
export class TalkDownService {
  private readonly logger = new Logger('TalkDown');
  readonly events = new EventEmitter<TalkEvents>();

  constructor(
    private readonly sfu: SfuClient,
    private readonly live: LiveBeds,
    private readonly audit: AuditService,
  ) {}

  /**
   * Opens the talker's send transport. The bed must be online and nobody else talking to it, and
   * the station talking to no other bed.
   */
  async start(
    bed: LiveBed,
    bedLabel: string,
    socketId: string,
    clinician: SocketClinician,
  ): Promise<TransportOptions> {
    this.assertMayTalk(bed, socketId);
    // The same station starting again (a retry): begin afresh.
    if (bed.talk) {
      await this.end(bed, 'stopped');
      // Again, after the await: another station or another start of this one may have claimed meanwhile.
      this.assertMayTalk(bed, socketId);
    }
    const session: TalkSession = {
      stationSocketId: socketId,
      bedLabel,
      userId: clinician.userId,
      clinician: clinician.name,
      ip: clinician.ip,
      transportId: '',
      producerId: null,
      since: new Date(),
    };
    // Claimed before the SFU answers, so a second station racing this one gets TALK_BUSY, and this
    // station racing itself to a second bed TALK_ALREADY_ACTIVE.
    bed.talk = session;
    try {
      const transport = await this.sfu.request('transport:create', {
        roomId: wardRoomId(bed.wardId),
        peerId: stationPeerId(socketId),
        direction: 'send',
      });
      session.transportId = transport.transportId;
      if (bed.talk !== session) {
        await this.closeTransport(transport.transportId);
        throw new ApiError('CONFLICT', 'the talk-down ended while it was being set up', 'bedId');
      }
      const { sctpParameters: _sctp, ...options } = transport;
      return options;
    } catch (error) {
      if (bed.talk === session) bed.talk = null;
      throw error;
    }
  }

  /**
   * Synchronous, so it still holds when the caller claims the bed right after: one talker per bed,
   * and one bed per station (the station's user hears and answers one bed at a time).
   */
  private assertMayTalk(bed: LiveBed, socketId: string): void {
    if (!bed.deviceSocketId)
      throw new ApiError('BED_OFFLINE', 'no bedside device is connected to this bed', 'bedId');
    if (bed.talk && bed.talk.stationSocketId !== socketId)
      throw new ApiError('TALK_BUSY', `${bed.talk.clinician} is already talking to this bed`, 'bedId');
    const elsewhere = this.talkingBeds().find(
      (other) => other !== bed && other.talk!.stationSocketId === socketId,
    );
    if (elsewhere)
      throw new ApiError(
        'TALK_ALREADY_ACTIVE',
        `this station is already talking to ${elsewhere.talk!.bedLabel}; end that talk-down first`,
        'bedId',
      );
  }

  /** The talker's microphone on its talk transport; tells the bed's device to play it. */
  async produce(socketId: string, transportId: string, rtpParameters: RtpParameters) {
    const bed = this.sessionByTransport(socketId, transportId);
    const session = bed.talk!;
    if (session.producerId) throw new ApiError('CONFLICT', 'this talk-down already has its microphone');
    const { producerId } = await this.sfu.request('producer:create', {
      transportId,
      kind: 'audio',
      rtpParameters,
      source: 'microphone',
    });
    if (bed.talk !== session) {
      await this.sfu.request('producer:close', { producerId }).catch(() => undefined);
      throw new ApiError('CONFLICT', 'the talk-down ended while it was being set up');
    }
    session.producerId = producerId;
    await this.record(session, 'icu.talkdown.started', { bedId: bed.bedId, wardId: bed.wardId });
    this.events.emit('incoming', bed.bedId, producerId, session.clinician);
    this.live.changed(bed.bedId);
    return { producerId };
  }

  /** The talker stops. Anyone else asking is refused. */
  async stop(bed: LiveBed, socketId: string): Promise<void> {
    if (!bed.talk || bed.talk.stationSocketId !== socketId)
      throw new ApiError('NOT_FOUND', 'this station is not talking to this bed', 'bedId');
    await this.end(bed, 'stopped');
  }

  /** Ends the talk-down on a bed (if any): closes the talker's transport and the bedside microphone. */
  async end(bed: LiveBed, reason: TalkEndReason): Promise<void> {
    const session = bed.talk;
    if (!session) return;
    bed.talk = null;
    const micProducerId = bed.microphoneProducerId;
    bed.microphoneProducerId = null;
    await Promise.all([
      session.transportId ? this.closeTransport(session.transportId) : undefined,
      // The bedside microphone is live only during a talk-down.
      micProducerId
        ? this.sfu.request('producer:close', { producerId: micProducerId }).catch(() => undefined)
        : undefined,
    ]);
    if (session.producerId) {
      const seconds = Math.round((Date.now() - session.since.getTime()) / 1000);
      await this.record(session, 'icu.talkdown.ended', {
        bedId: bed.bedId,
        wardId: bed.wardId,
        reason,
        seconds,
      });
    }
    this.events.emit('ended', bed.bedId, session, reason);
    this.live.changed(bed.bedId);
  }

  /** Every talk-down of a station socket (it left the ward, lost access to it, or disconnected). */
  async endForStation(
    socketId: string,
    wardId?: string,
    reason: TalkEndReason = 'station left',
  ): Promise<void> {
    const beds = this.talkingBeds().filter(
      (bed) => bed.talk!.stationSocketId === socketId && (wardId === undefined || bed.wardId === wardId),
    );
    await Promise.all(beds.map((bed) => this.end(bed, reason)));
  }

  async endInWard(wardId: string, reason: TalkEndReason): Promise<void> {
    await Promise.all(this.live.inWard(wardId).map((bed) => this.end(bed, reason)));
  }

  /** A producer closed in the SFU: a talker's microphone ends its talk-down. */
  async producerClosed(producerId: string): Promise<void> {
    const bed = this.talkingBeds().find((b) => b.talk!.producerId === producerId);
    if (bed) await this.end(bed, 'producer closed');
  }

  ownsTransport(socketId: string, transportId: string): boolean {
    return this.talkingBeds().some(
      (b) => b.talk!.stationSocketId === socketId && b.talk!.transportId === transportId,
    );
  }

  /** Whether this station socket may hear the bed's microphone now. */
  isTalker(bed: LiveBed, socketId: string): boolean {
    return bed.talk !== null && bed.talk.producerId !== null && bed.talk.stationSocketId === socketId;
  }

  private talkingBeds(): LiveBed[] {
    return this.live.all().filter((bed) => bed.talk !== null);
  }

  private sessionByTransport(socketId: string, transportId: string): LiveBed {
    const bed = this.talkingBeds().find(
      (b) => b.talk!.stationSocketId === socketId && b.talk!.transportId === transportId,
    );
    if (!bed)
      throw new ApiError('NOT_FOUND', 'transportId: not this station’s talk-down transport', 'transportId');
    return bed;
  }

  private closeTransport(transportId: string): Promise<unknown> {
    return this.sfu.request('transport:close', { transportId }).catch((error: unknown) => {
      this.logger.debug(`talk transport ${transportId} already gone: ${String(error)}`);
    });
  }

  private record(session: TalkSession, action: string, detail: Record<string, unknown>): Promise<void> {
    return this.audit.record({
      actorType: 'user',
      actorId: session.userId,
      action,
      ip: session.ip,
      detail,
    });
  }
}
