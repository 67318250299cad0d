import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSession } from './use-session';

const loginResponse = {
  accessToken: 'token',
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  user: { id: 'u1', email: 'a@b.c', displayName: 'Dr A', role: 'clinician' as const },
};

afterEach(() => vi.restoreAllMocks());

describe('useSession', () => {
  it('signs in, exposes the session, and signs out through the api', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async (input) =>
        String(input).endsWith('/refresh')
          ? new Response('{"code":"UNAUTHENTICATED"}', { status: 401 })
          : new Response(JSON.stringify(loginResponse), { status: 200 }),
      );
    const { result } = renderHook(() => useSession());
    expect(result.current.session).toBeNull();
    await waitFor(() => expect(result.current.restoring).toBe(false));
    await act(() => result.current.signIn('a@b.c', 'pw'));
    expect(result.current.session?.user.displayName).toBe('Dr A');
    act(() => result.current.signOut());
    await waitFor(() => expect(result.current.session).toBeNull());
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain('/api/auth/logout');
  });

  it('restores the session from the refresh cookie on load', async () => {
    sessionStorage.clear();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify(loginResponse), { status: 200 }),
    );
    const { result } = renderHook(() => useSession());
    expect(result.current.restoring).toBe(true);
    await waitFor(() => expect(result.current.session?.user.displayName).toBe('Dr A'));
    expect(result.current.restoring).toBe(false);
    sessionStorage.clear();
  });

  it('surfaces the server’s error code on a failed sign-in', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(
        JSON.stringify({
          statusCode: 401,
          code: 'UNAUTHENTICATED',
          message: 'email or password is not correct',
        }),
        { status: 401 },
      ),
    );
    const { result } = renderHook(() => useSession());
    await expect(result.current.signIn('a@b.c', 'bad')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(result.current.session).toBeNull();
  });

  it('treats an expired stored session as signed out', () => {
    sessionStorage.setItem(
      'teleconsult.session',
      JSON.stringify({ ...loginResponse, expiresAt: '2000-01-01T00:00:00Z' }),
    );
    const { result } = renderHook(() => useSession());
    expect(result.current.session).toBeNull();
  });
});
