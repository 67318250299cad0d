import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AvailabilityRequest } from '@teleconsult/protocol';
import { fakeFetch, reply } from '../../api/fake-fetch';
import { useAvailability } from './use-availability';

afterEach(() => vi.unstubAllGlobals());

const hours: AvailabilityRequest = {
  timeZone: 'Europe/London',
  slotMinutes: 20,
  weekly: [{ weekday: 1, start: '09:00', end: '12:00' }],
  exceptions: [],
};

describe('useAvailability', () => {
  it('loads the hours, saves them and reports the field a 400 names', async () => {
    const { calls } = fakeFetch([
      ['GET', /\/api\/availability$/, () => ({ ...hours, clinicianId: 'c1', updatedAt: null })],
      [
        'PUT',
        /\/api\/availability$/,
        (call) =>
          (call.body as AvailabilityRequest).weekly[0]?.end === '08:00'
            ? reply(400, {
                statusCode: 400,
                code: 'VALIDATION',
                message: 'weekly.0.end: must end after it starts',
                field: 'weekly.0.end',
              })
            : { ...(call.body as object), clinicianId: 'c1', updatedAt: '2026-11-24T10:00:00.000Z' },
      ],
    ]);
    const { result } = renderHook(() => useAvailability());
    await waitFor(() => expect(result.current.availability?.timeZone).toBe('Europe/London'));
    expect(result.current.availability?.updatedAt).toBeNull();

    const saved = await act(() => result.current.save(hours));
    expect(saved.ok).toBe(true);
    expect(calls.at(-1)?.body).toEqual(hours);
    expect(result.current.availability?.updatedAt).toBe('2026-11-24T10:00:00.000Z');

    const refused = await act(() =>
      result.current.save({ ...hours, weekly: [{ weekday: 1, start: '09:00', end: '08:00' }] }),
    );
    expect(refused).toEqual({
      ok: false,
      message: 'weekly.0.end: must end after it starts',
      field: 'weekly.0.end',
    });
    expect(result.current.saving).toBe(false);
  });

  it('explains a network failure without a field', async () => {
    fakeFetch([['GET', /\/api\/availability$/, () => ({ ...hours, clinicianId: 'c1', updatedAt: null })]]);
    const { result } = renderHook(() => useAvailability());
    await waitFor(() => expect(result.current.availability).not.toBeNull());
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    const outcome = await act(() => result.current.save(hours));
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome.ok ? undefined : outcome.field).toBeUndefined();
  });
});
