import { useCallback, useSyncExternalStore } from 'react';
import type { LoginResponse } from '@teleconsult/protocol';
import { api } from '../../api/api-client';
import { sessionStore } from '../../api/session-store';

export interface SessionApi {
  session: LoginResponse | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
}

/** The signed-in clinician (or null), kept in sync across components. */
export function useSession(): SessionApi {
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const signIn = useCallback(async (email: string, password: string) => {
    sessionStore.set(await api.login(email, password));
  }, []);
  const signOut = useCallback(() => sessionStore.clear(), []);
  return { session, signIn, signOut };
}
