import { ConfigError, loadSfuConfig } from './sfu-config';

const secret = 's'.repeat(32);

describe('loadSfuConfig', () => {
  it('applies defaults', () => {
    expect(loadSfuConfig({ SFU_SECRET: secret })).toMatchObject({
      SFU_RPC_HOST: '127.0.0.1',
      SFU_RPC_PORT: 4000,
      SFU_RTC_PORT_BASE: 40000,
      SFU_LISTEN_IP: '127.0.0.1',
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadSfuConfig({ SFU_SECRET: 'short' })).toThrow(/SFU_SECRET/);
    expect(() => loadSfuConfig({ SFU_SECRET: secret, SFU_RPC_PORT: 'eighty' })).toThrow(/SFU_RPC_PORT/);
    expect(() => loadSfuConfig({ SFU_SECRET: secret, SFU_LISTEN_IP: 'not-an-ip' })).toThrow(/SFU_LISTEN_IP/);
    expect(() => loadSfuConfig({})).toThrow(ConfigError);
  });
});
