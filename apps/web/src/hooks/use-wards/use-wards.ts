import { useEffect, useState } from 'react';
import type { WardView } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../../api/api-client';

/** The wards (and emergency departments) the station can watch. */
export function useWards() {
  const [wards, setWards] = useState<WardView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.listWards().then(
      ({ wards: list }) => live && setWards(list),
      (caught: unknown) => {
        if (!live) return;
        setWards([]);
        setError(caught instanceof ApiRequestError ? caught.message : 'The wards could not be loaded.');
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { wards, error };
}
