import { useSession } from '../hooks/use-session/use-session';
import { AdminPage } from './admin-page';
import { DashboardPage } from './dashboard-page';
import { LoginPage } from './login-page';

export function HomePage() {
  const { session, restoring, signIn, signOut } = useSession();
  if (!session && restoring) return <p className="page page--center muted">Loading…</p>;
  if (session?.user.role === 'admin') return <AdminPage user={session.user} onSignOut={signOut} />;
  return session ? (
    <DashboardPage user={session.user} onSignOut={signOut} />
  ) : (
    <LoginPage onSignIn={signIn} />
  );
}
