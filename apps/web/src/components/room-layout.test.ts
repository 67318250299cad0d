import { describe, expect, it } from 'vitest';
import { roomLayout } from './room-layout';

const peers = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

describe('roomLayout', () => {
  it('grows the camera grid with the room: 1, 2, 3 and 4 columns for 1, 2–4, 5–6 and 7–8 people', () => {
    const columns = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (n) => roomLayout(peers(n), { imaging: false, activeSpeakerId: null }).columns,
    );
    expect(columns).toEqual([1, 2, 2, 2, 3, 3, 4, 4]);
  });

  it('keeps join order in the grid while someone speaks (tiles do not jump)', () => {
    expect(roomLayout(peers(4), { imaging: false, activeSpeakerId: 'p3' })).toEqual({
      mode: 'grid',
      columns: 2,
      order: ['p1', 'p2', 'p3', 'p4'],
    });
  });

  it('gives imaging the stage and puts the cameras in a strip, the active speaker first', () => {
    expect(roomLayout(peers(3), { imaging: true, activeSpeakerId: 'p3' })).toEqual({
      mode: 'strip',
      columns: 3,
      order: ['p3', 'p1', 'p2'],
    });
  });

  it('ignores a speaker who is not a remote tile (oneself, or someone who left)', () => {
    expect(roomLayout(peers(2), { imaging: true, activeSpeakerId: 'me' }).order).toEqual(['p1', 'p2']);
    expect(roomLayout([], { imaging: true, activeSpeakerId: null })).toEqual({
      mode: 'strip',
      columns: 1,
      order: [],
    });
  });
});
