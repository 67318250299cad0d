import { useCallback, useEffect, useState } from 'react';
import type { AvailabilityRequest, AvailabilityResponse } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../../api/api-client';

export type SaveOutcome =
  | { ok: true; saved: AvailabilityResponse }
  /** `field` is the API's dotted path, e.g. "weekly.0.end" or "exceptions.2.date". */
  | { ok: false; message: string; field?: string | undefined };

export interface AvailabilityState {
  /** Null while loading; `updatedAt` is null when the clinician has never saved. */
  availability: AvailabilityResponse | null;
  loadError: string | null;
  saving: boolean;
  save(input: AvailabilityRequest): Promise<SaveOutcome>;
}

/** The signed-in clinician's weekly hours and exceptions. */
export function useAvailability(): AvailabilityState {
  const [availability, setAvailability] = useState<AvailabilityResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    api.getAvailability().then(
      (result) => live && setAvailability(result),
      (caught: unknown) =>
        live && setLoadError(caught instanceof Error ? caught.message : 'Your hours could not be loaded.'),
    );
    return () => {
      live = false;
    };
  }, []);

  const save = useCallback(async (input: AvailabilityRequest): Promise<SaveOutcome> => {
    setSaving(true);
    try {
      const saved = await api.saveAvailability(input);
      setAvailability(saved);
      return { ok: true, saved };
    } catch (caught) {
      if (caught instanceof ApiRequestError)
        return { ok: false, message: caught.message, field: caught.field };
      return { ok: false, message: 'Your hours could not be saved. Check your connection and try again.' };
    } finally {
      setSaving(false);
    }
  }, []);

  return { availability, loadError, saving, save };
}
