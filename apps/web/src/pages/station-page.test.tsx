import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserInfo } from '@teleconsult/protocol';
import { fakeFetch } from '../api/fake-fetch';
import { fakeDevices } from '../client/fake-consult-socket';
import { refusal } from '../client/fake-scripted-socket';
import { WARD, alarm, bed, fakeStation } from '../client/fake-station-socket';
import { StationClient } from '../client/station-client';
import { StationPage } from './station-page';

beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const user = { id: 'u1', role: 'clinician', displayName: 'Dr Ada' } as UserInfo;
const wards = [
  { id: WARD, name: 'ICU 1', kind: 'icu', bedCount: 2 },
  { id: '00000000-0000-4000-8000-0000000000e1', name: 'Emergency', kind: 'ed', bedCount: 3 },
];

/** The station page on WARD, its client talking to the scripted socket (and fake media devices). */
function renderWard(fake: ReturnType<typeof fakeStation>): void {
  const devices = fakeDevices();
  render(
    <StationPage
      user={user}
      onSignOut={() => undefined}
      wardId={WARD}
      createClient={(options) =>
        new StationClient({ ...options, openSocket: () => fake.socket, createDevice: devices.create })
      }
    />,
  );
}

describe('StationPage', () => {
  it('lists the wards, the emergency department as its ambulance board, and the secondary-alarm note', async () => {
    fakeFetch([['GET', /\/api\/icu\/wards$/, () => ({ wards })]]);
    render(<StationPage user={user} onSignOut={() => undefined} wardId={null} />);
    const list = await screen.findByTestId('ward-list');
    expect(within(list).getByText('ICU 1')).toBeTruthy();
    expect(within(list).getByText('Ambulance board · Emergency')).toBeTruthy();
    expect(screen.getByTestId('secondary-alarm-note').textContent).toContain(
      'The bedside monitor remains the primary alarm',
    );
  });

  it('shows the subscribed ward’s beds live, opens a bed and closes it with Escape', async () => {
    fakeFetch([
      ['GET', /\/api\/icu\/wards$/, () => ({ wards })],
      ['GET', /\/trends\?hours=4$/, () => ({ points: [] })],
    ]);
    const beds = [bed(1), bed(2, { alarms: [alarm] })];
    const fake = fakeStation(beds);
    renderWard(fake);
    fake.connect();
    await waitFor(() => expect(screen.getAllByTestId('bed-tile')).toHaveLength(2));
    expect(screen.getByRole('heading', { name: 'ICU 1' })).toBeTruthy();
    expect(screen.getAllByTestId('bed-tile')[0]!.getAttribute('data-bed')).toBe(beds[1]!.id);
    expect(screen.getByText('Enable alarm sound')).toBeTruthy();
    expect(window.__station?.wardId).toBe(WARD);
    expect(window.__station?.beds().map((b) => b.label)).toEqual(['Bed 1', 'Bed 2']);

    fireEvent.click(within(screen.getByTestId('station-alarms')).getByText('Acknowledge'));
    await waitFor(() =>
      expect(fake.requested('alarm:acknowledge')).toEqual([{ bedId: beds[1]!.id, key: 'spo2' }]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Open Bed 1' }));
    expect(await screen.findByTestId('focus-view')).toBeTruthy();
    await waitFor(() => expect(fake.requested('bed:focus')).toEqual([{ bedId: beds[0]!.id, on: true }]));
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('focus-view')).toBeNull());
    expect(fake.requested('bed:focus').at(-1)).toEqual({ bedId: beds[0]!.id, on: false });
  });

  it('tells a clinician on no ward’s staff to ask an administrator', async () => {
    fakeFetch([['GET', /\/api\/icu\/wards$/, () => ({ wards: [] })]]);
    render(<StationPage user={user} onSignOut={() => undefined} wardId={null} />);
    expect((await screen.findByTestId('no-wards')).textContent).toMatch(
      /You are not on the staff of any ward — ask an administrator/,
    );
  });

  it('replaces the board with a clear message when an administrator removes the clinician from the ward', async () => {
    const { calls } = fakeFetch([['GET', /\/api\/icu\/wards$/, () => ({ wards })]]);
    const fake = fakeStation([bed(1), bed(2)]);
    renderWard(fake);
    fake.connect();
    await waitFor(() => expect(screen.getAllByTestId('bed-tile')).toHaveLength(2));
    const listed = calls.filter((c) => c.url.endsWith('/api/icu/wards')).length;

    fake.notify({
      type: 'ward:accessRevoked',
      wardId: WARD,
      message: 'An administrator removed you from this ward’s staff.',
    });
    const denied = await screen.findByTestId('station-access-denied');
    expect(denied.textContent).toContain('An administrator removed you from this ward’s staff.');
    expect(screen.queryAllByTestId('bed-tile')).toHaveLength(0);
    expect(within(denied).getByRole('link', { name: 'Back to your wards' }).getAttribute('href')).toBe(
      '/station',
    );
    // The ward picker is refreshed: the ward is no longer one of theirs.
    await waitFor(() =>
      expect(calls.filter((c) => c.url.endsWith('/api/icu/wards')).length).toBeGreaterThan(listed),
    );
  });

  it('shows the same message instead of an empty board when the ward is not theirs to begin with', async () => {
    fakeFetch([['GET', /\/api\/icu\/wards$/, () => ({ wards: [] })]]);
    const fake = fakeStation([bed(1)]);
    fake.answer('ward:subscribe', () =>
      refusal(
        'WARD_NOT_ASSIGNED',
        'you are not on the staff of this ward — ask an administrator to assign you',
      ),
    );
    renderWard(fake);
    fake.connect();
    const denied = await screen.findByTestId('station-access-denied');
    expect(denied.textContent).toContain('ask an administrator to assign you');
    expect(screen.queryByText(/WARD_NOT_ASSIGNED/)).toBeNull();
  });
});
