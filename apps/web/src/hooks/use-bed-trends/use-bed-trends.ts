import { useEffect, useState } from 'react';
import type { TrendPoint } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../../api/api-client';

const REFRESH_MS = 60_000;

/** A bed's one-minute trends over the last hours, refreshed every minute while shown. */
export function useBedTrends(bedId: string | null, hours = 4) {
  const [points, setPoints] = useState<TrendPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!bedId) return;
    let live = true;
    const load = () =>
      api.bedTrends(bedId, hours).then(
        ({ points: loaded }) => {
          if (!live) return;
          setPoints(loaded);
          setError(null);
        },
        (caught: unknown) =>
          live &&
          setError(caught instanceof ApiRequestError ? caught.message : 'Trends could not be loaded.'),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
      setPoints(null);
    };
  }, [bedId, hours]);
  return { points, error };
}
