import { type Alarm, PRIORITY_RANK } from '@teleconsult/clinical';
import type { StationBedView } from './station-view';

export interface StationAlarm {
  bedId: string;
  bedLabel: string;
  alarm: Alarm;
}

/** Every bed's unacknowledged alarms for the station bar: highest priority first, then the oldest. */
export function stationAlarms(beds: StationBedView[]): StationAlarm[] {
  return beds
    .flatMap((bed) =>
      bed.alarms
        .filter((alarm) => alarm.acknowledgedAt === null)
        .map((alarm) => ({ bedId: bed.bedId, bedLabel: bed.label, alarm })),
    )
    .sort(
      (a, b) =>
        PRIORITY_RANK[b.alarm.priority] - PRIORITY_RANK[a.alarm.priority] ||
        Number(b.alarm.escalated) - Number(a.alarm.escalated) ||
        a.alarm.raisedAt - b.alarm.raisedAt,
    );
}
