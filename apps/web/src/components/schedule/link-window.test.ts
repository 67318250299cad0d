import { describe, expect, it } from 'vitest';
import { linkWindowInWords } from './link-window';

const at = (h: number, m = 0, dayOffset = 0) => new Date(2026, 10, 24 + dayOffset, h, m).toISOString();
const now = new Date(2026, 10, 24, 8, 0);

describe('linkWindowInWords', () => {
  it('says when the link opens relative to the appointment and when it stops', () => {
    const text = linkWindowInWords({ url: 'u', validFrom: at(9, 45), expiresAt: at(11) }, at(10), now);
    expect(text).toMatch(
      /^The link opens at .*today — 15 minutes before the appointment — and stops working at .*today\.$/,
    );
  });

  it('names tomorrow and later days', () => {
    expect(
      linkWindowInWords({ url: 'u', validFrom: at(9, 0, 1), expiresAt: at(11, 0, 1) }, at(10, 0, 1), now),
    ).toMatch(/opens at .*tomorrow — 1 hour|opens at .*tomorrow — 60 minutes/);
    expect(
      linkWindowInWords({ url: 'u', validFrom: at(9, 0, 3), expiresAt: at(11, 0, 3) }, at(9, 30, 3), now),
    ).toMatch(/opens at .* on Friday.*27 — 30 minutes before/);
  });

  it('says the link already works when its window has begun', () => {
    expect(linkWindowInWords({ url: 'u', validFrom: at(7), expiresAt: at(9) }, at(8, 15), now)).toMatch(
      /^The link works now and stops working at/,
    );
  });
});
