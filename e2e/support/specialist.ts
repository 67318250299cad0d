import { type Page, expect } from '@playwright/test';
import { expectConnectedSlowly, signIn } from './flows';

export interface SpecialistAccount {
  email: string;
  password: string;
  displayName: string;
}

/** A second clinician account, made by the demo admin over REST (a unique email per call). */
export async function createSpecialist(baseURL: string, displayName: string): Promise<SpecialistAccount> {
  const admin = (await (
    await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.teleconsult', password: 'admin-demo-2026' }),
    })
  ).json()) as { accessToken: string };
  const account = {
    email: `specialist.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@demo.teleconsult`,
    password: 'a long enough passphrase',
    displayName,
  };
  const created = await fetch(`${baseURL}/api/admin/clinicians`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
    body: JSON.stringify(account),
  });
  expect(created.status).toBe(201);
  return account;
}

/**
 * The owner, in the room, invites the colleague; the colleague signs in, finds the invitation on
 * their dashboard and joins without a waiting room.
 */
export async function inviteAndJoin(
  owner: Page,
  specialist: Page,
  account: SpecialistAccount,
): Promise<void> {
  await owner.getByTestId('invite-colleague').selectOption({ label: account.displayName });
  await owner.getByTestId('invite-submit').click();
  await expect(owner.getByTestId('invitations')).toContainText(account.displayName);
  await signIn(specialist, account);
  await specialist.getByTestId('join-invited').click();
  await expectConnectedSlowly(specialist);
  await expect(specialist.getByTestId('end-consult')).toHaveCount(0);
}
