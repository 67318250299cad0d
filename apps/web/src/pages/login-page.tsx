import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../api/api-client';
import { AppHeader } from '../components/app-header';

export function LoginPage({ onSignIn }: { onSignIn: (email: string, password: string) => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.includes('@')) return setError('Enter the email address of your account.');
    if (!password) return setError('Enter your password.');
    setBusy(true);
    setError(null);
    try {
      await onSignIn(email.trim(), password);
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'Sign-in failed; try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--center">
      <AppHeader />
      <form className="card card--narrow" onSubmit={(e) => void submit(e)} noValidate>
        <h1>Sign in</h1>
        <p className="muted">For clinicians and administrators. Patients join with the link they received.</p>
        <label className="field">
          <span>Email</span>
          <input
            data-testid="login-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="button button--primary" data-testid="login-submit" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
