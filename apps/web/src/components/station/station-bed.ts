import type { BedView } from '@teleconsult/protocol';
import type { StationBedView } from './station-view';

/** The tile's view of a bed from the api's BedView: numerics, NEWS2 and alarms. */
export function toStationBedView(bed: BedView): StationBedView {
  return {
    bedId: bed.id,
    label: bed.kind === 'ambulance' && bed.callSign ? bed.callSign : bed.label,
    patientName: bed.admission?.patientName ?? null,
    vitals: bed.latest,
    news2: bed.news2,
    alarms: bed.alarms,
  };
}

/** A bed with its tile view, in station order. */
export interface StationBed {
  bed: BedView;
  view: StationBedView;
}
