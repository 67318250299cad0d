import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PatientJoinPage } from './patient-join-page';

const TOKEN = 'tok_'.padEnd(43, 'x');

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PatientJoinPage', () => {
  it.each([
    [404, 'LINK_INVALID'],
    [410, 'LINK_EXPIRED'],
    [410, 'LINK_REVOKED'],
    [410, 'CONSULT_ENDED'],
  ])('turns a %i %s from the server into its link-error page', async (status, code) => {
    const fetchMock = answer(status, { statusCode: status, code, message: 'server text' });
    render(<PatientJoinPage token={TOKEN} />);
    const view = await screen.findByTestId('link-error');
    expect(view.dataset.code).toBe(code);
    expect(fetchMock).toHaveBeenCalledWith(`/api/join/${TOKEN}`, expect.objectContaining({ method: 'GET' }));
  });

  it('shows who the consult is with, prefills the name, and asks for one before joining', async () => {
    answer(200, {
      consultTitle: 'Follow-up',
      clinicianName: 'Dr Ada',
      patientName: 'Sam',
      validUntil: '2099-01-01T00:00:00.000Z',
    });
    render(<PatientJoinPage token={TOKEN} />);
    expect(await screen.findByRole('heading', { name: 'Follow-up' })).toBeTruthy();
    expect(screen.getByText('Dr Ada')).toBeTruthy();
    const name = screen.getByTestId('join-name') as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('Sam'));
    // jsdom has no camera: the page says so plainly and still lets the patient join.
    expect(screen.getByRole('alert').textContent).toMatch(/cannot make video calls/);

    fireEvent.change(name, { target: { value: '  ' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect(screen.getAllByRole('alert').some((a) => /Enter your name/.test(a.textContent ?? ''))).toBe(true);
    expect(screen.queryByTestId('connection-state')).toBeNull();
  });
});
