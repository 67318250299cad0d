import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Invitation } from '@teleconsult/protocol';
import { InvitePanel, type InvitePanelApi } from './invite-panel';

const CONSULT = '11111111-1111-4111-8111-111111111111';
const invitation = (over: Partial<Invitation>): Invitation => ({
  id: '22222222-2222-4222-8222-222222222222',
  consultId: CONSULT,
  kind: 'account',
  inviteeId: 'grace',
  inviteeName: 'Dr Grace Hopper',
  status: 'accepted',
  createdAt: '2026-05-01T10:00:00.000Z',
  expiresAt: null,
  redeemedAt: null,
  ...over,
});

function fakeApi(initial: Invitation[] = []) {
  let invitations = initial;
  const client: InvitePanelApi = {
    listClinicians: vi.fn(async () => [
      { id: 'me', displayName: 'Dr Ada Lovelace' },
      { id: 'grace', displayName: 'Dr Grace Hopper' },
      { id: 'mary', displayName: 'Dr Mary Seacole' },
    ]),
    listInvitations: vi.fn(async () => invitations),
    invite: vi.fn(async (_id, body) => {
      const created = invitation(
        body.kind === 'account'
          ? {
              id: '44444444-4444-4444-8444-444444444444',
              inviteeId: body.clinicianId,
              inviteeName: 'Dr Mary Seacole',
            }
          : {
              id: '33333333-3333-4333-8333-333333333333',
              kind: 'link',
              inviteeId: null,
              inviteeName: null,
              status: 'pending',
            },
      );
      invitations = [...invitations, created];
      return { invitation: created, url: body.kind === 'link' ? 'http://x/invite/abc' : null };
    }),
    revokeInvitation: vi.fn(async (_id, invitationId) => {
      invitations = invitations.map((i) =>
        i.id === invitationId ? { ...i, status: 'revoked' as const } : i,
      );
      return invitations.find((i) => i.id === invitationId)!;
    }),
  };
  return client;
}

describe('InvitePanel', () => {
  it('offers colleagues other than oneself and those already invited, and invites the one chosen', async () => {
    const client = fakeApi([invitation({})]);
    render(<InvitePanel consultId={CONSULT} selfId="me" client={client} />);
    await screen.findByText(/Dr Grace Hopper/, { selector: 'li span' });
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Choose a colleague…', 'Dr Mary Seacole']);
    fireEvent.change(screen.getByTestId('invite-colleague'), { target: { value: 'mary' } });
    fireEvent.click(screen.getByTestId('invite-submit'));
    await waitFor(() =>
      expect(client.invite).toHaveBeenCalledWith(CONSULT, { kind: 'account', clinicianId: 'mary' }),
    );
    expect(await screen.findByText(/Dr Mary Seacole/, { selector: 'li span' })).toBeTruthy();
  });

  it('creates a one-time link to copy, and withdraws an invitation', async () => {
    const client = fakeApi([invitation({})]);
    render(<InvitePanel consultId={CONSULT} selfId="me" client={client} />);
    fireEvent.click(screen.getByTestId('invite-link-create'));
    expect(((await screen.findByTestId('invite-link')) as HTMLInputElement).value).toBe(
      'http://x/invite/abc',
    );
    expect(await screen.findByText(/External specialist \(link\)/)).toBeTruthy();
    fireEvent.click(screen.getAllByText('Withdraw')[0]!);
    await waitFor(() => expect(client.revokeInvitation).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByText(/Dr Grace Hopper/, { selector: 'li span' })).toBeNull());
  });
});
