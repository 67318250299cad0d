import { useCallback, useEffect, useState } from 'react';
import type { WardView } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../../api/api-client';

/** The wards (and emergency departments) the station can watch: for a clinician, those they staff. */
export function useWards() {
  const [wards, setWards] = useState<WardView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api.listWards().then(
      ({ wards: list }) => {
        if (!live) return;
        setWards(list);
        setError(null);
      },
      (caught: unknown) => {
        if (!live) return;
        setWards([]);
        setError(caught instanceof ApiRequestError ? caught.message : 'The wards could not be loaded.');
      },
    );
    return () => {
      live = false;
    };
  }, [version]);
  /** Asks again (e.g. after an administrator took this clinician off a ward). */
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { wards, error, reload };
}
