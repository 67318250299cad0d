import { useCallback, useEffect, useState } from 'react';
import type { SlotsResponse } from '@teleconsult/protocol';
import { api } from '../../api/api-client';
import { dayRange } from '../../components/schedule/schedule-format';

export interface SlotsState {
  /** Null while loading. */
  slots: SlotsResponse | null;
  error: string | null;
  /** Fetch again, e.g. after a 409 because someone else took the slot. */
  refresh(): void;
}

/** A clinician's free slots on one local day of the viewer (midnight to midnight where they are). */
export function useSlots(clinicianId: string, day: Date): SlotsState {
  const [slots, setSlots] = useState<SlotsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const dayKey = day.toDateString();

  useEffect(() => {
    let live = true;
    setSlots(null);
    setError(null);
    const [from, to] = dayRange(new Date(dayKey));
    api.listSlots(clinicianId, from, to).then(
      (result) => live && setSlots(result),
      (caught: unknown) => {
        if (!live) return;
        setError(caught instanceof Error ? caught.message : 'The free times could not be loaded.');
        setSlots({ clinicianId, timeZone: '', slotMinutes: 0, slots: [] });
      },
    );
    return () => {
      live = false;
    };
  }, [clinicianId, dayKey, generation]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { slots, error, refresh };
}
