import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alarm } from '@teleconsult/clinical';
import type { BedView } from '@teleconsult/protocol';
import { bedView } from '../../client/fake-station-socket';
import type { BedWaveforms } from '../../client/station-client';
import { WaveformBuffer } from '../../station/waveform-buffer';
import { type StationBed, toStationBedView } from './station-bed';
import { StationBoard } from './station-board';
import { sortBeds } from './station-view';

beforeAll(() => {
  // jsdom has no canvas: strips mount, and the painter finds nothing to draw on.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

const NOW = Date.parse('2026-03-01T10:00:00Z');
const alarm = (key: string, priority: Alarm['priority'], extra: Partial<Alarm> = {}): Alarm => ({
  key,
  kind: 'clinical',
  priority,
  message: `${key} ${priority}`,
  raisedAt: NOW - 60_000,
  escalated: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
  silencedUntil: null,
  ...extra,
});
const bed = (n: number, extra: Partial<BedView> = {}): BedView =>
  bedView(`bed-${n}`, {
    wardId: 'w',
    label: `Bed ${n}`,
    admission: { id: `a${n}`, patientName: `Patient ${n}`, mrn: null, admittedAt: '2026-03-01T08:00:00Z' },
    latest: { bedId: `bed-${n}`, at: NOW - 1_000, heartRate: 70 + n, spo2: 97, systolic: 120, diastolic: 70 },
    news2: { total: 1, band: 'low', scores: {}, missing: [], partial: false, response: '' },
    ...extra,
  });

const ordered = (beds: BedView[]): StationBed[] => {
  const byId = new Map(beds.map((b) => [b.id, b]));
  return sortBeds(beds.map(toStationBedView)).map((view) => ({ view, bed: byId.get(view.bedId)! }));
};
const buffers = new Map<string, BedWaveforms>();
const waveformsOf = (id: string) => {
  if (!buffers.has(id))
    buffers.set(id, {
      ecg: new WaveformBuffer(250, 6),
      pleth: new WaveformBuffer(125, 6),
      resp: new WaveformBuffer(25, 15),
    });
  return buffers.get(id)!;
};

function renderBoard(beds: BedView[], kind: 'icu' | 'ed' = 'icu') {
  const handlers = { onFocus: vi.fn(), onAcknowledge: vi.fn(), onSilence: vi.fn() };
  render(
    <StationBoard
      kind={kind}
      beds={ordered(beds)}
      videoTracks={{}}
      waveformsOf={waveformsOf}
      now={NOW}
      {...handlers}
    />,
  );
  return handlers;
}

describe('StationBoard', () => {
  it('shows a tile per bed, most urgent first, with numerics and the NEWS2 band', () => {
    renderBoard([
      bed(1),
      bed(2, {
        alarms: [alarm('spo2', 'high')],
        news2: { total: 8, band: 'high', scores: {}, missing: [], partial: false, response: '' },
      }),
      bed(3, { alarms: [alarm('heartRate', 'medium')] }),
    ]);
    const tiles = screen.getAllByTestId('bed-tile');
    expect(tiles.map((t) => t.getAttribute('data-bed'))).toEqual(['bed-2', 'bed-3', 'bed-1']);
    expect(within(tiles[0]!).getByTestId('news2').getAttribute('data-band')).toBe('high');
    expect(within(tiles[2]!).getByText('71')).toBeTruthy();
    expect(within(tiles[2]!).getByText('120/70')).toBeTruthy();
    expect(screen.getByLabelText('ECG II of Bed 1')).toBeTruthy();
  });

  it('lists every unacknowledged alarm in the station bar by priority, with acknowledge and silence', () => {
    const spo2 = alarm('spo2', 'high');
    const handlers = renderBoard([
      bed(1, { alarms: [alarm('temperature', 'low')] }),
      bed(2, {
        alarms: [
          alarm('heartRate', 'medium'),
          alarm('rr', 'high', { acknowledgedAt: NOW, acknowledgedBy: 'dr' }),
        ],
      }),
      bed(3, { alarms: [spo2] }),
      bed(4, { alarms: [alarm('bp', 'medium', { silencedUntil: NOW + 60_000 })] }),
    ]);
    const bar = screen.getByTestId('station-alarms');
    const rows = within(bar).getAllByTestId('station-alarm');
    expect(rows.map((r) => `${r.getAttribute('data-bed')}:${r.getAttribute('data-priority')}`)).toEqual([
      'bed-3:high',
      'bed-2:medium',
      'bed-4:medium',
      'bed-1:low',
    ]);
    expect(rows[0]!.className).toContain('alarm--flashing');
    expect(within(rows[2]!).getByText(/silenced until/)).toBeTruthy();
    expect(within(rows[2]!).queryByText('Silence')).toBeNull();
    fireEvent.click(within(rows[0]!).getByText('Acknowledge'));
    expect(handlers.onAcknowledge).toHaveBeenCalledWith('bed-3', spo2);
    fireEvent.click(within(rows[0]!).getByText('Silence'));
    expect(handlers.onSilence).toHaveBeenCalledWith('bed-3', spo2);
    fireEvent.click(within(rows[0]!).getByText('Bed 3'));
    expect(handlers.onFocus).toHaveBeenCalledWith('bed-3');
  });

  it('makes a lost link unmistakable: banner, greyed tile', () => {
    renderBoard([
      bed(1),
      bed(2, {
        online: false,
        alarms: [alarm('tech.linkLost', 'high', { kind: 'technical', message: 'No data from the bedside' })],
      }),
    ]);
    const tile = screen.getAllByTestId('bed-tile')[0]!;
    expect(tile.getAttribute('data-bed')).toBe('bed-2');
    expect(tile.className).toContain('bed-tile--link-lost');
    expect(tile.className).toContain('bed-tile--stale');
    expect(within(tile).getByTestId('link-lost').textContent).toBe(
      'No data — check the patient at the bedside',
    );
    expect(screen.getAllByTestId('link-lost')).toHaveLength(1);
  });

  it('opens a bed when its picture is clicked', () => {
    const handlers = renderBoard([bed(1)]);
    fireEvent.click(screen.getByRole('button', { name: 'Open Bed 1' }));
    expect(handlers.onFocus).toHaveBeenCalledWith('bed-1');
  });

  it('shows the ambulance board: call sign, ETA countdown and the ATMIST handover', () => {
    vi.spyOn(Date.prototype, 'toLocaleTimeString').mockReturnValue('10:07');
    renderBoard(
      [
        bed(1, {
          kind: 'ambulance',
          label: 'Ambulance 1',
          callSign: 'ALPHA-7',
          admission: null,
          handover: {
            eta: NOW + 425_000,
            age: '67',
            timeOfOnset: '09:20',
            mechanism: 'Fall from ladder',
            injuries: 'Suspected NOF fracture',
            signs: 'HR 104, BP 100/60',
            treatment: 'Morphine 5 mg IV',
          },
        }),
        bed(2, { kind: 'ambulance', label: 'Ambulance 2', callSign: 'BRAVO-2', admission: null }),
      ],
      'ed',
    );
    const tiles = screen.getAllByTestId('ambulance-tile');
    const alpha = tiles.find((t) => t.getAttribute('data-bed') === 'bed-1')!;
    expect(within(alpha).getByText('ALPHA-7')).toBeTruthy();
    expect(within(alpha).getByTestId('eta').textContent).toBe('ETA 10:07 · in 7:05');
    const atmist = within(alpha).getByTestId('atmist');
    expect(within(atmist).getByText('Fall from ladder')).toBeTruthy();
    expect(within(atmist).getByText('Morphine 5 mg IV')).toBeTruthy();
    expect(atmist.querySelectorAll('input, textarea')).toHaveLength(0);
    const bravo = tiles.find((t) => t.getAttribute('data-bed') === 'bed-2')!;
    expect(within(bravo).getByText('No handover yet')).toBeTruthy();
    vi.restoreAllMocks();
  });
});
