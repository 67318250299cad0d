import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClinicianAccount, WardStaffMember, WardView } from '@teleconsult/protocol';
import { fakeFetch, reply } from '../../api/fake-fetch';
import { WardStaffPanel } from './ward-staff-panel';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ICU = '00000000-0000-4000-8000-0000000000a1';
const ED = '00000000-0000-4000-8000-0000000000e1';
const wards: WardView[] = [
  { id: ICU, name: 'ICU North', kind: 'icu', bedCount: 8 },
  { id: ED, name: 'Emergency Department', kind: 'ed', bedCount: 2 },
];
const account = (id: string, displayName: string, disabled = false): ClinicianAccount => ({
  id,
  email: `${id}@x.org`,
  displayName,
  createdAt: '2026-01-01T00:00:00.000Z',
  disabledAt: disabled ? '2026-02-01T00:00:00.000Z' : null,
});
const ada = account('ada', 'Dr Ada');
const grace = account('grace', 'Dr Grace');
const gone = account('gone', 'Dr Gone', true);
const member = (a: ClinicianAccount): WardStaffMember => ({
  userId: a.id,
  displayName: a.displayName,
  email: a.email,
  addedBy: 'admin',
  addedAt: '2026-03-01T00:00:00.000Z',
});

/** A tiny api: ward staff kept in memory, changed by POST and DELETE. */
function fakeApi() {
  const staff = new Map<string, ClinicianAccount[]>([
    [ICU, [ada]],
    [ED, []],
  ]);
  return fakeFetch([
    ['GET', /\/api\/icu\/wards$/, () => ({ wards })],
    ['GET', /\/api\/admin\/clinicians$/, () => [ada, grace, gone]],
    ['GET', /\/api\/icu\/wards\/([^/]+)\/staff$/, (_c, m) => ({ staff: staff.get(m[1]!)!.map(member) })],
    [
      'POST',
      /\/api\/icu\/wards\/([^/]+)\/staff$/,
      (call, m) => {
        const chosen = [ada, grace].find((a) => a.id === (call.body as { userId: string }).userId)!;
        staff.set(m[1]!, [...staff.get(m[1]!)!, chosen]);
        return reply(201, member(chosen));
      },
    ],
    [
      'DELETE',
      /\/api\/icu\/wards\/([^/]+)\/staff\/([^/]+)$/,
      (_c, m) => {
        staff.set(
          m[1]!,
          staff.get(m[1]!)!.filter((a) => a.id !== m[2]),
        );
        return null;
      },
    ],
  ]);
}

const wardCard = async (wardId: string) =>
  (await screen.findAllByTestId('ward-staff')).find((el) => el.getAttribute('data-ward') === wardId)!;

describe('WardStaffPanel', () => {
  it('shows each ward with its staff, and offers only active clinicians not on it yet', async () => {
    fakeApi();
    render(<WardStaffPanel />);
    const icu = await wardCard(ICU);
    expect(
      within(icu)
        .getAllByTestId('ward-staff-member')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('Dr Ada')]);
    const options = within(icu)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Choose…', 'Dr Grace (grace@x.org)']);
    const ed = await wardCard(ED);
    expect(within(ed).getByText('Nobody yet: no clinician sees this ward.')).toBeTruthy();
    expect(within(ed).getAllByRole('option')).toHaveLength(3);
    expect((within(ed).getByRole('button', { name: 'Add' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('adds a chosen clinician to a ward and removes one, saying what happened', async () => {
    const { calls } = fakeApi();
    render(<WardStaffPanel />);
    const ed = await wardCard(ED);
    fireEvent.change(within(ed).getByLabelText('Clinician to add to Emergency Department'), {
      target: { value: 'grace' },
    });
    fireEvent.click(within(ed).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Dr Grace now sees Emergency Department.'),
    );
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: `/api/icu/wards/${ED}/staff`,
      body: { userId: 'grace' },
    });
    await waitFor(async () =>
      expect(within(await wardCard(ED)).getAllByTestId('ward-staff-member')).toHaveLength(1),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Remove Dr Ada from ICU North' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/Dr Ada no longer sees ICU North/),
    );
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe(`/api/icu/wards/${ICU}/staff/ada`);
    await waitFor(async () =>
      expect(within(await wardCard(ICU)).getByText('Nobody yet: no clinician sees this ward.')).toBeTruthy(),
    );
  });

  it('offers a clinician created elsewhere on the page once told the accounts changed', async () => {
    const { calls } = fakeApi();
    const { rerender } = render(<WardStaffPanel accountsVersion={0} />);
    await wardCard(ICU);
    const loads = () => calls.filter((c) => c.url.endsWith('/api/admin/clinicians')).length;
    expect(loads()).toBe(1);
    rerender(<WardStaffPanel accountsVersion={1} />);
    await waitFor(() => expect(loads()).toBe(2));
  });

  it('shows the api’s reason when a change is refused', async () => {
    fakeFetch([
      ['GET', /\/api\/icu\/wards$/, () => ({ wards: [wards[0]] })],
      ['GET', /\/api\/admin\/clinicians$/, () => [ada, grace]],
      ['GET', /\/staff$/, () => ({ staff: [] })],
      [
        'POST',
        /\/staff$/,
        () => reply(409, { statusCode: 409, code: 'ACCOUNT_DISABLED', message: 'this account is disabled' }),
      ],
    ]);
    render(<WardStaffPanel />);
    const icu = await wardCard(ICU);
    fireEvent.change(within(icu).getByLabelText('Clinician to add to ICU North'), {
      target: { value: 'ada' },
    });
    fireEvent.click(within(icu).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('this account is disabled'));
  });
});
