import { useEffect, useState } from 'react';
import type { ClinicianDirectoryEntry } from '@teleconsult/protocol';
import { api } from '../../api/api-client';

/** The clinicians whose diaries can be booked (empty while loading or if the directory fails). */
export function useClinicians(): ClinicianDirectoryEntry[] {
  const [clinicians, setClinicians] = useState<ClinicianDirectoryEntry[]>([]);
  useEffect(() => {
    let live = true;
    api.listClinicians().then(
      (list) => live && setClinicians(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return clinicians;
}
