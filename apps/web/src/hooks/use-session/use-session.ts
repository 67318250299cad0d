import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { LoginResponse } from '@teleconsult/protocol';
import { api, refreshSession } from '../../api/api-client';
import { sessionStore } from '../../api/session-store';

export interface SessionApi {
  session: LoginResponse | null;
  /** True while a session is being restored from the refresh cookie (on load). */
  restoring: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
}

/** The signed-in clinician (or null), kept in sync across components. */
export function useSession(): SessionApi {
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const [restoring, setRestoring] = useState(() => session === null);

  // On load without a token (new tab, reload after expiry): try the refresh cookie once.
  useEffect(() => {
    if (!restoring) return;
    let live = true;
    void refreshSession().finally(() => live && setRestoring(false));
    return () => {
      live = false;
    };
  }, [restoring]);

  // Renew a minute before the access token expires, so a clinician mid-shift is never bounced.
  const expiresAt = session?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setTimeout(
      () => void refreshSession(),
      Math.max(5_000, Date.parse(expiresAt) - Date.now() - 60_000),
    );
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const signIn = useCallback(async (email: string, password: string) => {
    sessionStore.set(await api.login(email, password));
  }, []);
  const signOut = useCallback(() => {
    void api
      .logout()
      .catch(() => undefined)
      .finally(() => sessionStore.clear());
  }, []);
  return { session, restoring, signIn, signOut };
}
