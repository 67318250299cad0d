import { describe, expect, it } from 'vitest';
import type { Alarm } from '@teleconsult/clinical';
import { type StationBedView, audibleAlarms, sortBeds } from './station-view';

const alarm = (priority: Alarm['priority'], extra: Partial<Alarm> = {}): Alarm => ({
  key: `k-${priority}`,
  kind: 'clinical',
  priority,
  message: priority,
  raisedAt: 1,
  escalated: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
  silencedUntil: null,
  ...extra,
});
const bed = (label: string, extra: Partial<StationBedView> = {}): StationBedView => ({
  bedId: label,
  label,
  patientName: null,
  vitals: null,
  news2: null,
  alarms: [],
  ...extra,
});

describe('station ordering', () => {
  it('puts unacknowledged high alarms first, then alarms by priority, then NEWS2, then bed number', () => {
    const beds = [
      bed('Bed 10'),
      bed('Bed 2'),
      bed('Bed 3', { news2: { total: 6, band: 'medium', partial: false } }),
      bed('Bed 4', { alarms: [alarm('high', { acknowledgedAt: 5, acknowledgedBy: 'dr' })] }),
      bed('Bed 5', { alarms: [alarm('medium')] }),
      bed('Bed 6', { alarms: [alarm('high')] }),
    ];
    expect(sortBeds(beds).map((b) => b.label)).toEqual([
      'Bed 6',
      'Bed 4',
      'Bed 5',
      'Bed 3',
      'Bed 2',
      'Bed 10',
    ]);
  });

  it('sounds only alarms neither acknowledged nor silenced, highest first', () => {
    const beds = [
      bed('A', { alarms: [alarm('low'), alarm('high', { silencedUntil: 2_000 })] }),
      bed('B', { alarms: [alarm('medium'), alarm('high', { acknowledgedAt: 3, acknowledgedBy: 'x' })] }),
    ];
    expect(audibleAlarms(beds, 1_000).map((a) => a.priority)).toEqual(['medium', 'low']);
    expect(audibleAlarms(beds, 3_000).map((a) => a.priority)).toEqual(['high', 'medium', 'low']);
  });
});
