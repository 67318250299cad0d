import { ALARM_PRESENTATION, type Alarm } from '@teleconsult/clinical';
import type { CSSProperties } from 'react';

/**
 * A bed's alarms, most urgent first, in the IEC 60601-1-8 colours; unacknowledged ones flash at
 * their priority's rate (high ~2 Hz, medium ~0.6 Hz, low steady).
 */
export function AlarmList({
  alarms,
  onAcknowledge,
  onSilence,
  now = Date.now(),
}: {
  alarms: Alarm[];
  onAcknowledge?: (alarm: Alarm) => void;
  /** Mutes the alarm's sound for a while; it stays shown. */
  onSilence?: (alarm: Alarm) => void;
  now?: number;
}) {
  if (alarms.length === 0) return null;
  return (
    <ul className="alarm-list">
      {alarms.map((alarm) => {
        const look = ALARM_PRESENTATION[alarm.priority];
        const flashing = alarm.acknowledgedAt === null && look.flashHz > 0;
        const style = {
          '--alarm-colour': look.colour,
          '--alarm-period': flashing ? `${1 / look.flashHz}s` : '0s',
        } as CSSProperties;
        return (
          <li
            key={alarm.key}
            className={`alarm alarm--${alarm.priority}${flashing ? ' alarm--flashing' : ''}`}
            style={style}
            data-testid="alarm"
            data-priority={alarm.priority}
          >
            <span className="alarm__text">
              {alarm.kind === 'technical' ? '⚙ ' : ''}
              {alarm.message}
              {alarm.escalated ? ' · escalated' : ''}
            </span>
            {alarm.acknowledgedAt === null && onSilence ? (
              alarm.silencedUntil !== null && alarm.silencedUntil > now ? (
                <span className="alarm__by">silenced</span>
              ) : (
                <button type="button" className="alarm__ack" onClick={() => onSilence(alarm)}>
                  Silence
                </button>
              )
            ) : null}
            {alarm.acknowledgedAt === null && onAcknowledge ? (
              <button type="button" className="alarm__ack" onClick={() => onAcknowledge(alarm)}>
                Acknowledge
              </button>
            ) : alarm.acknowledgedBy ? (
              <span className="alarm__by">ack. {alarm.acknowledgedBy}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
