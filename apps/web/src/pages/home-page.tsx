import { useSession } from '../hooks/use-session/use-session';
import { DashboardPage } from './dashboard-page';
import { LoginPage } from './login-page';

export function HomePage() {
  const { session, signIn, signOut } = useSession();
  return session ? (
    <DashboardPage user={session.user} onSignOut={signOut} />
  ) : (
    <LoginPage onSignIn={signIn} />
  );
}
