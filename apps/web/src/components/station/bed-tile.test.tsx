import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Alarm } from '@teleconsult/clinical';
import { BedTile } from './bed-tile';

const alarm: Alarm = {
  key: 'spo2',
  kind: 'clinical',
  priority: 'high',
  message: 'SpO₂ low: 84 %',
  raisedAt: 1,
  escalated: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
  silencedUntil: null,
};

describe('BedTile', () => {
  it('shows numerics, the NEWS2 band and flashing high alarms that can be acknowledged', () => {
    const onAcknowledge = vi.fn();
    render(
      <BedTile
        bed={{
          bedId: 'b4',
          label: 'Bed 4',
          patientName: 'R. Franklin',
          vitals: {
            at: 1,
            heartRate: 124,
            spo2: 84,
            respiratoryRate: 26,
            systolic: 96,
            diastolic: 58,
            temperature: 38.6,
          },
          news2: { total: 9, band: 'high', partial: false },
          alarms: [alarm],
        }}
        onAcknowledge={onAcknowledge}
      />,
    );
    expect(screen.getByTestId('news2').getAttribute('data-band')).toBe('high');
    expect(screen.getByText('96/58')).toBeTruthy();
    const shown = screen.getByTestId('alarm');
    expect(shown.className).toContain('alarm--flashing');
    expect(shown.getAttribute('style')).toContain('--alarm-period: 0.5s');
    fireEvent.click(screen.getByText('Acknowledge'));
    expect(onAcknowledge).toHaveBeenCalledWith(alarm);
  });

  it('marks a partial NEWS2 as a lower bound and greys numerics while the link is lost', () => {
    render(
      <BedTile
        bed={{
          bedId: 'b5',
          label: 'Bed 5',
          patientName: null,
          vitals: { at: 1, heartRate: 80 },
          news2: { total: 2, band: 'low', partial: true },
          alarms: [
            {
              ...alarm,
              key: 'tech.linkLost',
              kind: 'technical',
              message: 'No data',
              acknowledgedAt: 2,
              acknowledgedBy: 'dr.ada',
            },
          ],
        }}
      />,
    );
    expect(screen.getByTestId('news2').textContent).toBe('NEWS2 ≥2');
    expect(screen.getByTestId('bed-tile').className).toContain('bed-tile--stale');
    expect(screen.getByTestId('alarm').className).not.toContain('alarm--flashing');
    expect(screen.getByText('ack. dr.ada')).toBeTruthy();
  });
});
