import { describe, expect, it } from 'vitest';
import type { Alarm } from '@teleconsult/clinical';
import type { BedView } from '@teleconsult/protocol';
import { bedView } from './fake-station-socket';
import { isLinkLost, mediaPlan, preferredLayer, reduceBeds, replaceAlarm } from './station-state';

const bed = (id: string, extra: Partial<BedView> = {}): BedView => bedView(id, { wardId: 'w', ...extra });
const alarm = (key: string, extra: Partial<Alarm> = {}): Alarm => ({
  key,
  kind: 'clinical',
  priority: 'medium',
  message: key,
  raisedAt: 1,
  escalated: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
  silencedUntil: null,
  ...extra,
});

describe('station notifications', () => {
  const beds = [bed('a'), bed('b')];

  it('applies vitals, alarms and handovers to their bed only, and ignores unknown beds', () => {
    const news2 = { total: 3, band: 'low' as const, scores: {}, missing: [], partial: false, response: '' };
    const vitals = reduceBeds(beds, {
      type: 'bed:vitals',
      bedId: 'b',
      sample: { bedId: 'b', at: 5, heartRate: 90 },
      artefacts: ['spo2'],
      news2,
    });
    expect(vitals[0]).toBe(beds[0]);
    expect(vitals[1]).toMatchObject({ latest: { heartRate: 90 }, artefacts: ['spo2'], news2 });
    const alarms = reduceBeds(vitals, { type: 'bed:alarms', bedId: 'a', alarms: [alarm('x')], event: null });
    expect(alarms[0]!.alarms.map((a) => a.key)).toEqual(['x']);
    const handover = { eta: 1_000, age: '54' };
    expect(reduceBeds(alarms, { type: 'bed:handover', bedId: 'a', handover })[0]!.handover).toEqual(handover);
    expect(reduceBeds(beds, { type: 'bed:alarms', bedId: 'zz', alarms: [], event: null })).toBe(beds);
    expect(reduceBeds(beds, { type: 'media:reset', wardId: 'w', reason: 'x' })).toBe(beds);
  });

  it('replaces a changed bed and adds a new one', () => {
    const changed = reduceBeds(beds, { type: 'bed:changed', bed: bed('a', { videoProducerId: 'v' }) });
    expect(changed[0]!.videoProducerId).toBe('v');
    expect(reduceBeds(beds, { type: 'bed:changed', bed: bed('c') }).map((b) => b.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('puts the acknowledged alarm from the answer in place', () => {
    const withAlarms = [bed('a', { alarms: [alarm('x'), alarm('y')] })];
    const next = replaceAlarm(withAlarms, 'a', alarm('y', { acknowledgedAt: 9, acknowledgedBy: 'dr' }));
    expect(next[0]!.alarms.map((a) => a.acknowledgedBy)).toEqual([null, 'dr']);
  });

  it('plans media: consume a new producer, close a gone one, keep the right one', () => {
    expect(
      mediaPlan(
        { videoProducerId: 'v2', waveformProducerId: 'w1' },
        { videoProducerId: 'v1', waveformProducerId: 'w1' },
      ),
    ).toEqual({ video: 'v2', waveform: undefined });
    expect(
      mediaPlan(
        { videoProducerId: null, waveformProducerId: 'w1' },
        { videoProducerId: 'v1', waveformProducerId: null },
      ),
    ).toEqual({ video: null, waveform: 'w1' });
  });

  it('asks the thumbnail layer for every bed but the focused one', () => {
    expect(preferredLayer('a', null)).toBe(0);
    expect(preferredLayer('a', 'b')).toBe(0);
    expect(preferredLayer('a', 'a')).toBe(2);
  });

  it('recognises a lost link by its technical alarm', () => {
    expect(isLinkLost(bed('a', { alarms: [alarm('tech.linkLost', { kind: 'technical' })] }))).toBe(true);
    expect(isLinkLost(bed('a'))).toBe(false);
  });
});
