import type { ReactNode } from 'react';
import type { UserInfo } from '@teleconsult/protocol';
import { useSession } from '../hooks/use-session/use-session';
import { LoginPage } from './login-page';

/** Renders a clinician page once signed in (restoring the session from the refresh cookie first). */
export function SignedIn({ children }: { children: (user: UserInfo, signOut: () => void) => ReactNode }) {
  const { session, restoring, signIn, signOut } = useSession();
  if (!session && restoring) return <p className="page page--center muted">Loading…</p>;
  return session ? <>{children(session.user, signOut)}</> : <LoginPage onSignIn={signIn} />;
}
