import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Appointment } from '@teleconsult/protocol';
import { fakeFetch } from '../../api/fake-fetch';
import { appointment } from '../../hooks/use-appointments/appointment-fixture';
import { TodaySchedule } from './today-schedule';

afterEach(() => vi.unstubAllGlobals());

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

function serve(list: Appointment[]) {
  return fakeFetch([
    ['GET', /\/api\/appointments\?/, () => list],
    [
      'POST',
      /\/api\/appointments\/(\w+)\/cancel$/,
      (call, m) => {
        const found = list.find((a) => a.id === m[1])!;
        return {
          ...found,
          status: 'cancelled',
          cancelReason: (call.body as { reason?: string }).reason ?? null,
        };
      },
    ],
    [
      'POST',
      /\/api\/appointments\/(\w+)\/no-show$/,
      (_c, m) => ({ ...list.find((a) => a.id === m[1])!, status: 'no_show' }),
    ],
    [
      'POST',
      /\/patient-link$/,
      () => ({
        url: 'https://t.example/join/fresh',
        validFrom: minutesFromNow(-5),
        expiresAt: minutesFromNow(60),
      }),
    ],
  ]);
}

describe('TodaySchedule', () => {
  it('lists rows with their status and offers no-show only once the time has come', async () => {
    serve([
      appointment({ id: 'past', startsAt: minutesFromNow(-10), patientName: 'Grace Hopper' }),
      appointment({ id: 'soon', startsAt: minutesFromNow(1), patientName: 'Alan Turing', status: 'booked' }),
    ]);
    render(<TodaySchedule />);
    const rows = await screen.findAllByTestId('schedule-row');
    const past = rows.find((r) => r.textContent?.includes('Grace Hopper'))!;
    const soon = rows.find((r) => r.textContent?.includes('Alan Turing'))!;
    expect(past.getAttribute('data-status')).toBe('booked');
    expect(within(past).getByTestId('appointment-status').textContent).toBe('Booked');
    expect(within(past).queryByTestId('schedule-no-show')).not.toBeNull();
    expect(within(soon).queryByTestId('schedule-no-show')).toBeNull();

    fireEvent.click(within(past).getByTestId('schedule-no-show'));
    await waitFor(() => expect(past.getAttribute('data-status')).toBe('no_show'));
    expect(within(past).getByTestId('appointment-status').textContent).toBe('No-show');
  });

  it('asks before issuing a new link, then shows it to copy', async () => {
    const { calls } = serve([appointment({ id: 'a1', startsAt: minutesFromNow(30) })]);
    render(<TodaySchedule />);
    const row = await screen.findByTestId('schedule-row');
    fireEvent.click(within(row).getByTestId('schedule-new-link'));
    expect(row.textContent).toContain('stops working at once');
    expect(calls.some((c) => c.url.endsWith('/patient-link'))).toBe(false);
    fireEvent.click(within(row).getByTestId('confirm-new-link'));
    const input = await within(row).findByTestId('schedule-new-link-value');
    expect((input as HTMLInputElement).value).toBe('https://t.example/join/fresh');
    expect(row.textContent).toContain('The link works now');
  });

  it('cancels with the reason given', async () => {
    const { calls } = serve([appointment({ id: 'a1', startsAt: minutesFromNow(30) })]);
    render(<TodaySchedule />);
    const row = await screen.findByTestId('schedule-row');
    fireEvent.click(within(row).getByTestId('schedule-cancel'));
    fireEvent.change(within(row).getByTestId('cancel-reason'), { target: { value: 'Patient unwell' } });
    fireEvent.click(within(row).getByTestId('confirm-cancel'));
    await waitFor(() => expect(row.getAttribute('data-status')).toBe('cancelled'));
    expect(calls.find((c) => c.url.endsWith('/cancel'))?.body).toEqual({ reason: 'Patient unwell' });
    expect(row.textContent).toContain('Cancelled: Patient unwell');
    expect(within(row).queryByTestId('schedule-start')).toBeNull();
  });

  it('explains what to do when nothing is booked', async () => {
    serve([]);
    render(<TodaySchedule />);
    expect((await screen.findByTestId('schedule-empty')).textContent).toContain('Nothing booked');
  });

  it('reschedules to a free slot picked in the row, keeping the patient link', async () => {
    const when = minutesFromNow(120);
    const target = minutesFromNow(180);
    const list = [appointment({ id: 'move', startsAt: when, patientName: 'Ada Patient' })];
    const fetch = fakeFetch([
      ['GET', /\/api\/appointments\?/, () => list],
      [
        'GET',
        /\/slots\?/,
        () => ({
          clinicianId: 'c1',
          timeZone: '',
          slotMinutes: 20,
          slots: [{ startsAt: target, endsAt: target }],
        }),
      ],
      [
        'POST',
        /\/api\/appointments\/move\/reschedule$/,
        (call) => {
          list[0] = { ...list[0]!, startsAt: (call.body as { startsAt: string }).startsAt };
          return list[0];
        },
      ],
    ]);
    render(<TodaySchedule />);
    const row = await screen.findByTestId('schedule-row');
    fireEvent.click(within(row).getByTestId('schedule-reschedule'));
    fireEvent.click(await within(row).findByTestId('slot-chip'));
    fireEvent.click(within(row).getByTestId('confirm-reschedule'));
    await waitFor(() => expect(within(row).queryByTestId('reschedule-panel')).toBeNull());
    expect(fetch.calls.find((c) => c.url.endsWith('/reschedule'))?.body).toEqual({ startsAt: target });
  });
});
