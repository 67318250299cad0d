import { ALARM_PRESENTATION } from '@teleconsult/clinical';
import type { CSSProperties } from 'react';
import type { StationAlarm } from './station-alarms';

const time = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** Every bed's unacknowledged alarms at the top of the station, the most urgent first. */
export function StationAlarmBar({
  alarms,
  now,
  onAcknowledge,
  onSilence,
  onOpenBed,
}: {
  alarms: StationAlarm[];
  now: number;
  onAcknowledge: (entry: StationAlarm) => void;
  onSilence: (entry: StationAlarm) => void;
  onOpenBed: (bedId: string) => void;
}) {
  if (alarms.length === 0)
    return (
      <section
        className="station-alarms station-alarms--quiet"
        aria-label="Station alarms"
        data-testid="station-alarms"
      >
        No unacknowledged alarms
      </section>
    );
  return (
    <section className="station-alarms" aria-label="Station alarms" data-testid="station-alarms">
      <ol className="station-alarms__list">
        {alarms.map((entry) => {
          const { alarm } = entry;
          const look = ALARM_PRESENTATION[alarm.priority];
          const silenced = alarm.silencedUntil !== null && alarm.silencedUntil > now;
          const flashing = look.flashHz > 0 && !silenced;
          const style = {
            '--alarm-colour': look.colour,
            '--alarm-period': flashing ? `${1 / look.flashHz}s` : '0s',
          } as CSSProperties;
          return (
            <li
              key={`${entry.bedId}:${alarm.key}`}
              className={`alarm alarm--${alarm.priority}${flashing ? ' alarm--flashing' : ''}`}
              style={style}
              data-testid="station-alarm"
              data-priority={alarm.priority}
              data-bed={entry.bedId}
            >
              <button type="button" className="station-alarms__bed" onClick={() => onOpenBed(entry.bedId)}>
                {entry.bedLabel}
              </button>
              <span className="alarm__text">
                {alarm.kind === 'technical' ? '⚙ ' : ''}
                {alarm.message}
                {alarm.escalated ? ' · escalated' : ''}
                <span className="alarm__since"> since {time(alarm.raisedAt)}</span>
              </span>
              {silenced ? (
                <span className="alarm__by">silenced until {time(alarm.silencedUntil!)}</span>
              ) : (
                <button type="button" className="alarm__ack" onClick={() => onSilence(entry)}>
                  Silence
                </button>
              )}
              <button type="button" className="alarm__ack" onClick={() => onAcknowledge(entry)}>
                Acknowledge
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
