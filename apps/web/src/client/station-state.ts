import type { Alarm } from '@teleconsult/clinical';
import type { BedView, StationNotification } from '@teleconsult/protocol';

/**
 * The pure half of the station client: how notifications change the ward's beds, which media a
 * changed bed needs, and which simulcast layer each tile asks for. No sockets, no WebRTC.
 */

const patchBed = (beds: BedView[], bedId: string, change: (bed: BedView) => BedView): BedView[] => {
  const index = beds.findIndex((b) => b.id === bedId);
  if (index < 0) return beds;
  const next = [...beds];
  next[index] = change(beds[index]!);
  return next;
};

/** Applies one bed notification; anything else (and an unknown bed) leaves the list as it was. */
export function reduceBeds(beds: BedView[], notification: StationNotification): BedView[] {
  switch (notification.type) {
    case 'bed:vitals':
      return patchBed(beds, notification.bedId, (bed) => ({
        ...bed,
        latest: notification.sample,
        artefacts: notification.artefacts,
        news2: notification.news2,
      }));
    case 'bed:alarms':
      return patchBed(beds, notification.bedId, (bed) => ({ ...bed, alarms: notification.alarms }));
    case 'bed:handover':
      return patchBed(beds, notification.bedId, (bed) => ({ ...bed, handover: notification.handover }));
    case 'bed:changed': {
      const known = beds.some((b) => b.id === notification.bed.id);
      return known
        ? patchBed(beds, notification.bed.id, () => notification.bed)
        : [...beds, notification.bed];
    }
    default:
      return beds;
  }
}

/** The answer to an acknowledge or silence: that alarm's new state, kept until the next bed:alarms. */
export function replaceAlarm(beds: BedView[], bedId: string, alarm: Alarm): BedView[] {
  return patchBed(beds, bedId, (bed) => ({
    ...bed,
    alarms: bed.alarms.map((a) => (a.key === alarm.key ? alarm : a)),
  }));
}

export interface MediaPlan {
  /** The video producer to consume now (null: none), or undefined when the consumer we have is right. */
  video: string | null | undefined;
  waveform: string | null | undefined;
}

/** What to (re)consume for a bed, given the producers we consume now. */
export function mediaPlan(
  bed: Pick<BedView, 'videoProducerId' | 'waveformProducerId'>,
  consumed: { videoProducerId: string | null; waveformProducerId: string | null },
): MediaPlan {
  return {
    video: bed.videoProducerId === consumed.videoProducerId ? undefined : bed.videoProducerId,
    waveform: bed.waveformProducerId === consumed.waveformProducerId ? undefined : bed.waveformProducerId,
  };
}

/** Thumbnails take the lowest simulcast layer; the bed looked at closely takes the highest. */
export const THUMBNAIL_LAYER = 0;
export const FOCUS_LAYER = 2;
export const preferredLayer = (bedId: string, focusedBedId: string | null): number =>
  bedId === focusedBedId ? FOCUS_LAYER : THUMBNAIL_LAYER;

/** The bed lost its bedside: no numerics, no waveforms; someone must go and look. */
export const LINK_LOST_KEY = 'tech.linkLost';
export const isLinkLost = (bed: Pick<BedView, 'alarms'>): boolean =>
  bed.alarms.some((a) => a.key === LINK_LOST_KEY);
