import { useCallback, useEffect, useState } from 'react';
import type { ClinicianDirectoryEntry, Invitation } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../../api/api-client';
import './invite-panel.css';

export interface InvitePanelApi {
  listClinicians: () => Promise<ClinicianDirectoryEntry[]>;
  listInvitations: (consultId: string) => Promise<Invitation[]>;
  invite: typeof api.invite;
  revokeInvitation: (consultId: string, invitationId: string) => Promise<Invitation>;
}

const STATUS: Record<Invitation['status'], string> = {
  pending: 'link not used yet',
  accepted: 'invited',
  revoked: 'withdrawn',
  expired: 'link expired',
};

/**
 * The owner brings a specialist in: a colleague from the directory, or a one-time link for an
 * external specialist (shown once, to copy). Live invitations can be withdrawn, which takes the
 * invitee out of the room.
 */
export function InvitePanel({
  consultId,
  selfId,
  client = api,
}: {
  consultId: string;
  selfId: string;
  client?: InvitePanelApi;
}) {
  const [colleagues, setColleagues] = useState<ClinicianDirectoryEntry[]>([]);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [choice, setChoice] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(
    () => client.listInvitations(consultId).then(setInvitations, () => undefined),
    [client, consultId],
  );
  useEffect(() => {
    client.listClinicians().then(
      (all) => setColleagues(all.filter((c) => c.id !== selfId)),
      () => undefined,
    );
    void refresh();
  }, [client, selfId, refresh]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await refresh();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'That did not work — try again.');
    }
  };

  const live = invitations.filter((i) => i.status === 'accepted' || i.status === 'pending');
  const invitedIds = new Set(live.flatMap((i) => (i.inviteeId ? [i.inviteeId] : [])));
  const nameOf = (invitation: Invitation) =>
    invitation.inviteeName ?? (invitation.kind === 'link' ? 'External specialist (link)' : 'Colleague');

  return (
    <section aria-label="Invite a specialist" className="invite-panel">
      <h2 className="chat__title">Invite a specialist</h2>
      <form
        className="invite-panel__row"
        onSubmit={(event) => {
          event.preventDefault();
          if (choice) void run(() => client.invite(consultId, { kind: 'account', clinicianId: choice }));
          setChoice('');
        }}
      >
        <select
          aria-label="Colleague"
          data-testid="invite-colleague"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
        >
          <option value="">Choose a colleague…</option>
          {colleagues
            .filter((c) => !invitedIds.has(c.id))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
        </select>
        <button type="submit" className="button" data-testid="invite-submit" disabled={!choice}>
          Invite
        </button>
      </form>
      <button
        type="button"
        className="button"
        data-testid="invite-link-create"
        onClick={() =>
          void run(async () => {
            const created = await client.invite(consultId, { kind: 'link' });
            setLink(created.url);
            setCopied(false);
          })
        }
      >
        Create a one-time link
      </button>
      {link ? (
        <div className="invite-panel__row">
          <input
            readOnly
            aria-label="Specialist link"
            data-testid="invite-link"
            value={link}
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="button"
            data-testid="invite-link-copy"
            onClick={() => {
              void navigator.clipboard?.writeText(link).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {live.length > 0 ? (
        <ul className="invite-panel__list" data-testid="invitations">
          {live.map((invitation) => (
            <li key={invitation.id}>
              <span>
                {nameOf(invitation)} <span className="muted">· {STATUS[invitation.status]}</span>
              </span>
              <button
                type="button"
                className="button button--small"
                onClick={() => void run(() => client.revokeInvitation(consultId, invitation.id))}
              >
                Withdraw
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
