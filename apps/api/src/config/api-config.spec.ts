import { ConfigError, loadApiConfig } from './api-config';

const base = { JWT_SECRET: 'j'.repeat(32), SFU_SECRET: 's'.repeat(32) };

describe('loadApiConfig', () => {
  it('fills defaults and derives the public URL from the port', () => {
    const config = loadApiConfig({ ...base, PORT: '3100' });
    expect(config.PUBLIC_URL).toBe('http://localhost:3100');
    expect(config.DEMO_MODE).toBe(false);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names each wrong variable', () => {
    expect(() => loadApiConfig({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadApiConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadApiConfig({ ...base, DEMO_MODE: 'maybe' })).toThrow(/DEMO_MODE/);
    expect(() => loadApiConfig({ ...base, PORT: '-1' })).toThrow(/PORT/);
    expect(() => loadApiConfig({})).toThrow(ConfigError);
  });
});
