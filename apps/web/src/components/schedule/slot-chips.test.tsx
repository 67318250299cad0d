import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SlotChips } from './slot-chips';

const slots = {
  clinicianId: 'c1',
  timeZone: 'Europe/London',
  slotMinutes: 30,
  slots: [
    { startsAt: '2026-07-01T08:00:00.000Z', endsAt: '2026-07-01T08:30:00.000Z' },
    { startsAt: '2026-07-01T08:30:00.000Z', endsAt: '2026-07-01T09:00:00.000Z' },
  ],
};
/** "09:00", "09:00 AM" or "09.00" depending on the test machine's locale: keep hh:mm. */
const chipTimes = () =>
  screen.getAllByTestId('slot-chip').map((chip) =>
    /(\d{1,2})[:.](\d{2})/
      .exec(chip.textContent ?? '')
      ?.slice(1)
      .join(':'),
  );

describe('SlotChips', () => {
  it('shows each slot in the viewer’s zone and says which zone that is', () => {
    render(
      <SlotChips slots={slots} selected={null} onSelect={() => undefined} viewerTimeZone="Europe/London" />,
    );
    expect(chipTimes()).toEqual(['09:00', '09:30']); // BST
    expect(screen.getByTestId('slot-zone-note').textContent).toBe(
      '30-minute appointments. Times are in your time zone (Europe/London).',
    );
  });

  it('converts to a viewer elsewhere and notes the clinician’s own zone', () => {
    render(
      <SlotChips
        slots={slots}
        selected={null}
        onSelect={() => undefined}
        viewerTimeZone="America/New_York"
      />,
    );
    expect(chipTimes()).toEqual(['04:00', '04:30']); // EDT
    expect(screen.getByTestId('slot-zone-note').textContent).toContain(
      'the clinician works in Europe/London',
    );
    expect(screen.getAllByTestId('slot-chip')[0]?.title).toMatch(/^09[:.]00( AM)? for the clinician/);
  });

  it('marks the chosen slot and reports a click', () => {
    const onSelect = vi.fn();
    render(
      <SlotChips
        slots={slots}
        selected={slots.slots[1]!.startsAt}
        onSelect={onSelect}
        viewerTimeZone="UTC"
      />,
    );
    const [first, second] = screen.getAllByTestId('slot-chip');
    expect(second?.getAttribute('aria-pressed')).toBe('true');
    expect(first?.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(first!);
    expect(onSelect).toHaveBeenCalledWith('2026-07-01T08:00:00.000Z');
  });
});
