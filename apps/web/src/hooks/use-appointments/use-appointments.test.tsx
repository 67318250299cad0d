import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Appointment } from '@teleconsult/protocol';
import { appointment } from './appointment-fixture';
import { fakeFetch, reply } from '../../api/fake-fetch';
import { useAppointments } from './use-appointments';

afterEach(() => vi.unstubAllGlobals());

describe('useAppointments', () => {
  it('lists the day sorted by start and applies cancel / no-show results in place', async () => {
    const { calls } = fakeFetch([
      [
        'GET',
        /\/api\/appointments\?/,
        () => [
          appointment({ id: 'late', startsAt: '2026-11-24T15:00:00.000Z', patientName: 'Late' }),
          appointment({ id: 'early', patientName: 'Early' }),
        ],
      ],
      [
        'POST',
        /\/api\/appointments\/(\w+)\/cancel$/,
        (call, m) =>
          appointment({
            id: m[1],
            status: 'cancelled',
            cancelReason: (call.body as { reason?: string }).reason ?? null,
          }),
      ],
      [
        'POST',
        /\/api\/appointments\/(\w+)\/no-show$/,
        (_call, m) => appointment({ id: m[1], status: 'no_show' }),
      ],
    ]);
    const { result } = renderHook(() => useAppointments(new Date(2026, 10, 24), { pollMs: 0 }));
    await waitFor(() => expect(result.current.appointments?.map((a) => a.id)).toEqual(['early', 'late']));

    await act(() => result.current.cancel('late', '  patient unwell '));
    expect(calls.find((c) => c.url.endsWith('/late/cancel'))?.body).toEqual({ reason: 'patient unwell' });
    await act(() => result.current.noShow('early'));
    expect(result.current.appointments?.map((a) => a.status)).toEqual(['no_show', 'cancelled']);
  });

  it('returns a re-issued link and reloads the list; errors surface as ApiRequestError', async () => {
    const { calls } = fakeFetch([
      ['GET', /\/api\/appointments\?/, () => [appointment()]],
      [
        'POST',
        /\/patient-link$/,
        () => ({ url: 'https://t.example/join/new', validFrom: 'x', expiresAt: 'y' }),
      ],
      [
        'POST',
        /\/cancel$/,
        () => reply(409, { statusCode: 409, code: 'CONFLICT', message: 'already ended' }),
      ],
    ]);
    const { result } = renderHook(() => useAppointments(new Date(2026, 10, 24), { pollMs: 0 }));
    await waitFor(() => expect(result.current.appointments).toHaveLength(1));
    const link = await act(() => result.current.reissueLink('a1'));
    expect(link.url).toBe('https://t.example/join/new');
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2));
    await expect(result.current.cancel('a1')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'already ended',
    });
  });

  it('polls so a status changed elsewhere shows up', async () => {
    let status: Appointment['status'] = 'booked';
    fakeFetch([['GET', /\/api\/appointments\?/, () => [appointment({ status })]]]);
    const { result } = renderHook(() => useAppointments(new Date(2026, 10, 24), { pollMs: 20 }));
    await waitFor(() => expect(result.current.appointments?.[0]?.status).toBe('booked'));
    status = 'completed';
    await waitFor(() => expect(result.current.appointments?.[0]?.status).toBe('completed'));
  });
});
