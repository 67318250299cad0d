import { hashLinkToken, looksLikeLinkToken, newLinkToken } from './link-token';

describe('link tokens', () => {
  it('are 256-bit, URL-safe and different every time', () => {
    const a = newLinkToken();
    const b = newLinkToken();
    expect(a).not.toBe(b);
    expect(looksLikeLinkToken(a)).toBe(true);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('are stored as a SHA-256 hex digest, never as themselves', () => {
    const token = newLinkToken();
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkToken(token)).not.toContain(token);
  });

  it('refuses shapes no issued token has', () => {
    expect(looksLikeLinkToken('forged')).toBe(false);
    expect(looksLikeLinkToken(`${newLinkToken()}x`)).toBe(false);
    expect(looksLikeLinkToken('a'.repeat(42) + '!')).toBe(false);
  });
});
