import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import {
  type AvailabilityDraft,
  describeInputKey,
  inputKeyFor,
  toDraft,
  toRequest,
} from './availability-draft';
import { AvailabilityForm } from './availability-form';

const draft: AvailabilityDraft = {
  timeZone: 'Europe/London',
  slotMinutes: 20,
  days: [
    [{ start: '09:00', end: '12:00' }], // Monday: weekly.0
    [], // Tuesday off
    [
      { start: '08:00', end: '11:00' }, // Wednesday: weekly.1
      { start: '14:00', end: '13:00' }, // weekly.2
    ],
    [],
    [],
    [],
    [],
  ],
  exceptions: [
    { date: '2026-12-24', ranges: [] },
    { date: '2026-12-31', ranges: [{ start: '09:00', end: '11:00' }] },
  ],
};

function Harness({ field, message = 'must end after it starts' }: { field: string; message?: string }) {
  const [value, setValue] = useState(draft);
  const key = inputKeyFor(field, value);
  return <AvailabilityForm draft={value} onChange={setValue} invalid={key ? { key, message } : null} />;
}

describe('availability field errors', () => {
  it('walks a flattened weekly index back to the day and range it came from', () => {
    expect(toRequest(draft).weekly[2]).toEqual({ weekday: 3, start: '14:00', end: '13:00' });
    expect(inputKeyFor('weekly.2.end', draft)).toBe('day.2.1.end');
    expect(inputKeyFor('weekly.0.start', draft)).toBe('day.0.0.start');
    expect(inputKeyFor('exceptions.1.windows.0.end', draft)).toBe('exception.1.0.end');
    expect(inputKeyFor('exceptions.0.date', draft)).toBe('exception.0.date');
    expect(inputKeyFor('timeZone', draft)).toBe('timeZone');
    expect(inputKeyFor('weekly.9.end', draft)).toBeNull();
    expect(inputKeyFor(undefined, draft)).toBeNull();
    expect(describeInputKey('day.2.1.end', draft)).toBe('Wednesday, second hours (until)');
    expect(describeInputKey('day.0.0.start', draft)).toBe('Monday hours (from)');
    expect(describeInputKey('exception.1.0.end', draft)).toBe('Exception on 2026-12-31: hours (until)');
  });

  it('highlights exactly the input a 400 names and shows why beside it', () => {
    render(<Harness field="weekly.2.end" />);
    const invalid = document.querySelectorAll('[aria-invalid="true"]');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toBe(screen.getAllByLabelText('Wednesday until')[1]);
    expect(invalid[0]).toHaveProperty('value', '13:00');
    const wednesday = document.querySelector('[data-weekday="3"]')!;
    expect(wednesday.textContent).toContain('must end after it starts');
  });

  it('highlights an exception’s hours and the zone picker', () => {
    const { unmount } = render(<Harness field="exceptions.1.windows.0.end" />);
    expect(document.querySelector('[aria-invalid="true"]')?.getAttribute('data-key')).toBe(
      'exception.1.0.end',
    );
    unmount();
    render(<Harness field="timeZone" message="unknown time zone" />);
    expect(screen.getByTestId('availability-zone').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('unknown time zone');
  });

  it('adds and removes ranges and exceptions, and a day off sends no windows', () => {
    let latest = draft;
    function Spy() {
      const [value, setValue] = useState(draft);
      latest = value;
      return <AvailabilityForm draft={value} onChange={setValue} />;
    }
    render(<Spy />);
    const tuesday = document.querySelector('[data-weekday="2"]')!;
    fireEvent.click(tuesday.querySelector('.link-button')!);
    expect(latest.days[1]).toEqual([{ start: '09:00', end: '17:00' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Monday 09:00–12:00' }));
    expect(latest.days[0]).toEqual([]);
    fireEvent.click(screen.getByTestId('add-exception'));
    expect(latest.exceptions).toHaveLength(3);
    expect(toRequest(latest).exceptions?.[2]).toMatchObject({ windows: [] });
  });

  it('starts a first-time clinician on weekdays 09:00–17:00 in their browser zone', () => {
    const fresh = toDraft(
      { clinicianId: 'c', timeZone: 'UTC', slotMinutes: 30, weekly: [], exceptions: [], updatedAt: null },
      'America/Chicago',
    );
    expect(fresh.timeZone).toBe('America/Chicago');
    expect(toRequest(fresh).weekly.map((w) => w.weekday)).toEqual([1, 2, 3, 4, 5]);
  });
});
