import { type Alarm, type News2Band, PRIORITY_RANK } from '@teleconsult/clinical';

/** What the central station shows for one bed. */
export interface StationBedView {
  bedId: string;
  label: string;
  patientName: string | null;
  vitals: {
    at: number;
    heartRate?: number;
    spo2?: number;
    respiratoryRate?: number;
    systolic?: number;
    diastolic?: number;
    temperature?: number;
  } | null;
  news2: { total: number; band: News2Band; partial: boolean } | null;
  alarms: Alarm[];
}

const BAND_RANK: Record<News2Band, number> = { low: 0, 'low-medium': 1, medium: 2, high: 3 };

/** The bed's most urgent alarm still asking for attention (acknowledged ones rank below). */
export function urgency(bed: StationBedView): number {
  let rank = 0;
  for (const alarm of bed.alarms) {
    const base = PRIORITY_RANK[alarm.priority] * 2 + (alarm.acknowledgedAt === null ? 1 : 0);
    rank = Math.max(rank, base);
  }
  return rank;
}

/**
 * Station order: unacknowledged high-priority alarms first, then by alarm priority, then by NEWS2
 * band, then by bed label — so the bed that needs someone now is always top left.
 */
export function sortBeds(beds: StationBedView[]): StationBedView[] {
  return [...beds].sort(
    (a, b) =>
      urgency(b) - urgency(a) ||
      BAND_RANK[b.news2?.band ?? 'low'] - BAND_RANK[a.news2?.band ?? 'low'] ||
      a.label.localeCompare(b.label, undefined, { numeric: true }),
  );
}

/** Whether the station should be sounding: any alarm neither acknowledged nor silenced now. */
export function audibleAlarms(beds: StationBedView[], now: number): Alarm[] {
  return beds
    .flatMap((b) => b.alarms)
    .filter((a) => a.acknowledgedAt === null && (a.silencedUntil === null || a.silencedUntil <= now))
    .sort((a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority]);
}
