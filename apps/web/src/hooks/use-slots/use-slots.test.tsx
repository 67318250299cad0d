import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, reply } from '../../api/fake-fetch';
import { useSlots } from './use-slots';

const CLINICIAN = '00000000-0000-4000-8000-00000000000a';
const slot = (startsAt: string) => ({ startsAt, endsAt: startsAt });

afterEach(() => vi.unstubAllGlobals());

describe('useSlots', () => {
  it('asks for the viewer’s whole local day and refreshes on demand', async () => {
    let free = [slot('2026-11-24T09:00:00.000Z'), slot('2026-11-24T09:30:00.000Z')];
    const { calls } = fakeFetch([
      [
        'GET',
        /\/api\/clinicians\/([^/]+)\/slots/,
        () => ({ clinicianId: CLINICIAN, timeZone: 'Europe/London', slotMinutes: 30, slots: free }),
      ],
    ]);
    const day = new Date(2026, 10, 24, 15, 45);
    const { result } = renderHook(() => useSlots(CLINICIAN, day));
    expect(result.current.slots).toBeNull();
    await waitFor(() => expect(result.current.slots?.slots).toHaveLength(2));

    const url = new URL(calls[0]!.url, 'http://x');
    expect(url.pathname).toBe(`/api/clinicians/${CLINICIAN}/slots`);
    const from = new Date(url.searchParams.get('from')!);
    const to = new Date(url.searchParams.get('to')!);
    expect([from.getDate(), from.getHours(), from.getMinutes()]).toEqual([24, 0, 0]);
    expect([to.getDate(), to.getHours()]).toEqual([25, 0]);

    free = [slot('2026-11-24T09:30:00.000Z')];
    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.slots?.slots).toHaveLength(1));
    expect(calls).toHaveLength(2);
  });

  it('loads again when the day or clinician changes, and reports a failure as no slots', async () => {
    fakeFetch([
      ['GET', /\/slots/, () => reply(403, { statusCode: 403, code: 'FORBIDDEN', message: 'not yours' })],
    ]);
    const { result, rerender } = renderHook(({ day }) => useSlots(CLINICIAN, day), {
      initialProps: { day: new Date(2026, 10, 24) },
    });
    await waitFor(() => expect(result.current.error).toBe('not yours'));
    expect(result.current.slots?.slots).toEqual([]);
    rerender({ day: new Date(2026, 10, 25) });
    expect(result.current.slots).toBeNull();
    await waitFor(() => expect(result.current.slots).not.toBeNull());
  });
});
