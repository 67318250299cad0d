import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type BedAlarm, SILENT, type SoundState, nextSound } from '../../station/alarm-sound';
import { AlarmSoundPlayer } from '../../station/alarm-sound-player';

const TICK_MS = 250;

/**
 * Sounds the station's alarms: a timer asks the pure scheduler what is due and the player plays
 * it. Until the user allows audio (a click), `enabled` is false and the page offers a button.
 */
export function useAlarmSound(
  alarms: BedAlarm[],
  createPlayer: () => AlarmSoundPlayer = () => new AlarmSoundPlayer(),
) {
  const [player] = useState(createPlayer);
  const latest = useRef(alarms);
  latest.current = alarms;
  const enabled = useSyncExternalStore(player.subscribe, player.getEnabled);
  useEffect(() => {
    let state: SoundState = SILENT;
    const timer = setInterval(() => {
      const next = nextSound(latest.current, Date.now(), state);
      state = next.state;
      if (next.stop) player.stop();
      if (next.burst) player.play(next.burst);
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      player.stop();
    };
  }, [player]);
  useEffect(() => () => player.close(), [player]);
  return { enabled, enable: () => player.enable() };
}
