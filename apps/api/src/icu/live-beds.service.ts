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
  /** Station sockets focused on this bed (the bedside encodes its high layer while any is). */
  focusedBy: Set<string>;
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
        focusedBy: new Set(),
      };
      this.beds.set(bedId, bed);
    }
    return bed;
  }

  find(bedId: string): LiveBed | undefined {
    return this.beds.get(bedId);
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
    }
  }
}
