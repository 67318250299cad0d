import type { LoginResponse } from '@teleconsult/protocol';

const KEY = 'teleconsult.session';
type Listener = () => void;
const listeners = new Set<Listener>();
let cached: { raw: string | null; value: LoginResponse | null } = { raw: null, value: null };

/**
 * The clinician's session, in sessionStorage: it ends with the tab, which suits shared hospital
 * workstations. Exposed as a tiny external store for useSyncExternalStore.
 */
export const sessionStore = {
  get(): LoginResponse | null {
    const raw = sessionStorage.getItem(KEY);
    if (raw !== cached.raw) {
      let value: LoginResponse | null = null;
      try {
        value = raw ? (JSON.parse(raw) as LoginResponse) : null;
      } catch {
        value = null;
      }
      if (value && Date.parse(value.expiresAt) <= Date.now()) value = null;
      cached = { raw, value };
    }
    return cached.value;
  },
  set(session: LoginResponse): void {
    sessionStorage.setItem(KEY, JSON.stringify(session));
    listeners.forEach((l) => l());
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
