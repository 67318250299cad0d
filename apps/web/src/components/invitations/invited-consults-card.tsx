import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { InvitedConsult } from '@teleconsult/protocol';
import { api } from '../../api/api-client';

/** The list is re-read when the dashboard socket says it changed, and at this interval as a fallback. */
const REFRESH_MS = 60_000;

/** Consults colleagues invited this clinician to; hidden while there are none. */
export function InvitedConsultsCard({
  load = api.invitedConsults,
  version = 0,
}: {
  load?: () => Promise<InvitedConsult[]>;
  /** Bumped by the dashboard socket's `invitations:changed`: re-read at once. */
  version?: number;
}) {
  const [invited, setInvited] = useState<InvitedConsult[]>([]);
  useEffect(() => {
    const read = () => void load().then(setInvited, () => undefined);
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, version]);
  if (invited.length === 0) return null;
  return (
    <section className="card" aria-label="Consults you are invited to">
      <h2>Invited to join</h2>
      <ul className="consult-list" data-testid="invited-consults">
        {invited.map((item) => (
          <li key={item.invitationId}>
            <span>
              <strong>{item.consult.title}</strong>
              <span className="muted"> · invited by {item.ownerName}</span>
            </span>
            <Link href={`/consults/${item.consult.id}`} data-testid="join-invited">
              Join
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
