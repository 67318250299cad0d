import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiRequestError, api } from '../api/api-client';

/**
 * A one-time specialist link, opened by a signed-in clinician (SignedIn asks for the sign-in
 * first): redeeming it makes them the consult's invitee and opens the room.
 */
export function InviteRedeemPage({ token }: { token: string }) {
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.redeemInvitation(token).then(
      ({ consultId }) => navigate(`/consults/${consultId}`, { replace: true }),
      (caught: unknown) =>
        setError(caught instanceof ApiRequestError ? caught.message : 'The invitation could not be opened.'),
    );
  }, [token, navigate]);

  return (
    <div className="page page--center">
      <section className="card card--narrow notice" aria-live="polite">
        {error ? (
          <>
            <h1>This invitation cannot be used</h1>
            <p data-testid="invite-error">{error}</p>
            <p>
              <Link href="/">Back to your consults</Link>
            </p>
          </>
        ) : (
          <p className="muted">Opening the consult…</p>
        )}
      </section>
    </div>
  );
}
