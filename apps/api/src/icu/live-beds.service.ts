import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { News2Result, NumericVital, VitalSample } from '@teleconsult/clinical';

/** What the api knows about a bed right now; nothing here is stored. */
export interface LiveBed {
  bedId: string;
  wardId: string;
  latest: VitalSample | null;
  artefacts: NumericVital[];
  news2: News2Result | null;
  /** The socket id of the connected bedside device, if any. */
  deviceSocketId: string | null;
  videoTransportId: string | null;
  videoProducerId: string | null;
  waveformProducerId: string | null;
  /** WebRTC transports of a tablet bedside page, and a headless unit's talk-down plain transport. */
  deviceTransportIds: Set<string>;
  /** The bedside microphone: produced only while a station talks to the bed. */
  microphoneProducerId: string | null;
  /** The station talking to this bed now (talk-down), if any. */
  talk: TalkSession | null;
  /** Station sockets focused on this bed (the bedside encodes its high layer while any is). */
  focusedBy: Set<string>;
}

/** One station talking to one bed: its send transport and microphone producer in the ward room. */
export interface TalkSession {
  stationSocketId: string;
  /** The bed's label when the talk began, to tell the station which bed it is talking to. */
  bedLabel: string;
  userId: string;
  clinician: string;
  ip: string;
  transportId: string;
  producerId: string | null;
  since: Date;
}

type LiveEvents = {
  /** Identity, device, media or admission of a bed changed: stations need a fresh BedView. */
  changed: [bedId: string];
};

/** The live side of every bed: latest numerics, device presence and media handles. */
@Injectable()
export class LiveBeds {
  private readonly beds = new Map<string, LiveBed>();
  readonly events = new EventEmitter<LiveEvents>();

  get(bedId: string, wardId: string): LiveBed {
    let bed = this.beds.get(bedId);
    if (!bed) {
      bed = {
        bedId,
        wardId,
        latest: null,
        artefacts: [],
        news2: null,
        deviceSocketId: null,
        videoTransportId: null,
        videoProducerId: null,
        waveformProducerId: null,
        deviceTransportIds: new Set(),
        microphoneProducerId: null,
        talk: null,
        focusedBy: new Set(),
      };
      this.beds.set(bedId, bed);
    }
    return bed;
  }

  find(bedId: string): LiveBed | undefined {
    return this.beds.get(bedId);
  }

  all(): LiveBed[] {
    return [...this.beds.values()];
  }

  inWard(wardId: string): LiveBed[] {
    return [...this.beds.values()].filter((bed) => bed.wardId === wardId);
  }

  changed(bedId: string): void {
    this.events.emit('changed', bedId);
  }

  /** The ward's media is gone (its SFU worker died): forget every handle. */
  resetMedia(wardId: string): void {
    for (const bed of this.inWard(wardId)) {
      bed.videoTransportId = null;
      bed.videoProducerId = null;
      bed.waveformProducerId = null;
      bed.deviceTransportIds.clear();
      bed.microphoneProducerId = null;
      bed.talk = null;
    }
  }
}
