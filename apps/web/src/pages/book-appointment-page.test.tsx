import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserInfo } from '@teleconsult/protocol';
import { fakeFetch, reply } from '../api/fake-fetch';
import { appointment } from '../hooks/use-appointments/appointment-fixture';
import { BookAppointmentPage } from './book-appointment-page';

afterEach(() => vi.unstubAllGlobals());

const user = { id: 'c1', displayName: 'Dr Ada', role: 'clinician' } as UserInfo;
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

function serve({ taken }: { taken: boolean }) {
  let free = [inHours(1), inHours(2)];
  return fakeFetch([
    ['GET', /\/api\/clinicians$/, () => [{ id: 'c1', displayName: 'Dr Ada' }]],
    [
      'GET',
      /\/slots\?/,
      () => ({
        clinicianId: 'c1',
        timeZone: 'UTC',
        slotMinutes: 30,
        slots: free.map((s) => ({ startsAt: s, endsAt: s })),
      }),
    ],
    [
      'POST',
      /\/api\/appointments$/,
      (call) => {
        const { startsAt } = call.body as { startsAt: string };
        if (taken) {
          free = free.filter((s) => s !== startsAt);
          return reply(409, { statusCode: 409, code: 'SLOT_UNAVAILABLE', message: 'slot taken' });
        }
        return {
          appointment: appointment({ startsAt, patientName: 'Grace Hopper' }),
          patientLink: { url: 'https://t.example/join/abc', validFrom: inHours(0.5), expiresAt: inHours(3) },
        };
      },
    ],
  ]);
}

describe('BookAppointmentPage', () => {
  it('says a taken slot was just taken and shows the refreshed free times', async () => {
    const { calls } = serve({ taken: true });
    render(<BookAppointmentPage user={user} onSignOut={() => undefined} />);
    await waitFor(() => expect(screen.getAllByTestId('slot-chip')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('slot-chip')[0]!);
    fireEvent.change(screen.getByTestId('book-patient-name'), { target: { value: 'Grace Hopper' } });
    fireEvent.click(screen.getByTestId('book-submit'));
    expect((await screen.findByTestId('slot-error')).textContent).toBe(
      'That slot was just taken — pick another.',
    );
    await waitFor(() => expect(screen.getAllByTestId('slot-chip')).toHaveLength(1));
    expect(calls.filter((c) => c.url.includes('/slots?'))).toHaveLength(2);
    // The stale choice is cleared once the refreshed times render.
    await waitFor(() => expect(screen.getByTestId('book-submit').hasAttribute('disabled')).toBe(true));
  });

  it('shows the link once with when it opens, and Book another returns to the form', async () => {
    const { calls } = serve({ taken: false });
    render(<BookAppointmentPage user={user} onSignOut={() => undefined} />);
    await waitFor(() => expect(screen.getAllByTestId('slot-chip')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('slot-chip')[1]!);
    fireEvent.change(screen.getByTestId('book-patient-name'), { target: { value: ' Grace Hopper ' } });
    fireEvent.change(screen.getByTestId('book-reason'), { target: { value: 'Knee review' } });
    fireEvent.click(screen.getByTestId('book-submit'));
    const link = await screen.findByTestId('booked-patient-link');
    expect((link as HTMLInputElement).value).toBe('https://t.example/join/abc');
    expect(screen.getByTestId('booked-link-window').textContent).toMatch(
      /^The link opens at .* — 90 minutes before/,
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      clinicianId: 'c1',
      startsAt: expect.any(String),
      patient: { name: 'Grace Hopper' },
      reason: 'Knee review',
    });
    fireEvent.click(screen.getByTestId('book-another'));
    expect(screen.getByTestId('book-patient-name')).toHaveProperty('value', '');
  });
});
