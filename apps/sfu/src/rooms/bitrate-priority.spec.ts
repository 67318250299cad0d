import { bitratePriority } from './bitrate-priority';

describe('bitratePriority', () => {
  it('serves cameras before imaging and screens, so a full-resolution stream cannot freeze them', () => {
    expect(bitratePriority('camera')).toBeGreaterThan(bitratePriority('imaging'));
    expect(bitratePriority('camera')).toBeGreaterThan(bitratePriority('screen'));
    expect(bitratePriority(undefined)).toBe(1);
  });
});
