import { useCallback, useEffect, useState } from 'react';
import type { ClinicianAccount, WardStaffMember, WardView } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../../api/api-client';

export interface StaffedWard {
  ward: WardView;
  staff: WardStaffMember[];
}

export interface WardStaffMessage {
  ok: boolean;
  text: string;
}

const errorText = (caught: unknown) =>
  caught instanceof ApiRequestError ? caught.message : 'That did not work.';

/**
 * Admins: every ward with its staff, the clinician accounts to choose from, and adding or removing
 * a clinician (the lists reload after each change, and when `accountsVersion` changes).
 */
export function useWardStaff(accountsVersion = 0) {
  const [wards, setWards] = useState<StaffedWard[] | null>(null);
  const [clinicians, setClinicians] = useState<ClinicianAccount[]>([]);
  const [message, setMessage] = useState<WardStaffMessage | null>(null);

  const load = useCallback(async () => {
    try {
      const [{ wards: list }, accounts] = await Promise.all([api.listWards(), api.listClinicianAccounts()]);
      const staffed = await Promise.all(
        list.map(async (ward) => ({ ward, staff: (await api.listWardStaff(ward.id)).staff })),
      );
      setWards(staffed);
      setClinicians(accounts);
    } catch (caught) {
      setWards((current) => current ?? []);
      setMessage({ ok: false, text: errorText(caught) });
    }
  }, []);
  useEffect(() => void load(), [load, accountsVersion]);

  const run = useCallback(
    async (action: () => Promise<unknown>, done: string) => {
      try {
        await action();
        setMessage({ ok: true, text: done });
      } catch (caught) {
        setMessage({ ok: false, text: errorText(caught) });
      }
      await load();
    },
    [load],
  );
  const add = useCallback(
    (ward: WardView, clinician: ClinicianAccount) =>
      run(() => api.addWardStaff(ward.id, clinician.id), `${clinician.displayName} now sees ${ward.name}.`),
    [run],
  );
  const remove = useCallback(
    (ward: WardView, member: WardStaffMember) =>
      run(
        () => api.removeWardStaff(ward.id, member.userId),
        `${member.displayName} no longer sees ${ward.name}; their open station view of it has ended.`,
      ),
    [run],
  );
  return { wards, clinicians, message, add, remove };
}
