import { ConfigError, loadSfuConfig } from './sfu-config';

const secret = 's'.repeat(32);

describe('loadSfuConfig', () => {
  it('applies defaults', () => {
    expect(loadSfuConfig({ SFU_SECRET: secret })).toMatchObject({
      SFU_RPC_HOST: '127.0.0.1',
      SFU_RPC_PORT: 4000,
      SFU_RTC_PORT_BASE: 40000,
      SFU_LISTEN_IP: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
  });

  it('takes ephemeral ports and an announced address', () => {
    expect(
      loadSfuConfig({
        SFU_SECRET: secret,
        SFU_RPC_PORT: '0',
        SFU_RTC_PORT_BASE: '0',
        SFU_NUM_WORKERS: '3',
        SFU_LISTEN_IP: '0.0.0.0',
        SFU_ANNOUNCED_ADDRESS: 'media.example.org',
      }),
    ).toMatchObject({
      SFU_RPC_PORT: 0,
      SFU_RTC_PORT_BASE: 0,
      SFU_NUM_WORKERS: 3,
      SFU_ANNOUNCED_ADDRESS: 'media.example.org',
    });
  });

  it('prefers SFU_LOG_LEVEL over the shared LOG_LEVEL', () => {
    expect(loadSfuConfig({ SFU_SECRET: secret, LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
    expect(loadSfuConfig({ SFU_SECRET: secret, LOG_LEVEL: 'debug', SFU_LOG_LEVEL: 'warn' }).LOG_LEVEL).toBe(
      'warn',
    );
  });

  it('accepts an executable MEDIASOUP_WORKER_BIN', () => {
    expect(
      loadSfuConfig({ SFU_SECRET: secret, MEDIASOUP_WORKER_BIN: process.execPath }).MEDIASOUP_WORKER_BIN,
    ).toBe(process.execPath);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadSfuConfig({ SFU_SECRET: 'short' })).toThrow(/SFU_SECRET/);
    expect(() => loadSfuConfig({ SFU_SECRET: secret, SFU_RPC_PORT: 'eighty' })).toThrow(/SFU_RPC_PORT/);
    expect(() => loadSfuConfig({ SFU_SECRET: secret, SFU_RTC_PORT_BASE: '70000' })).toThrow(
      /SFU_RTC_PORT_BASE/,
    );
    expect(() => loadSfuConfig({ SFU_SECRET: secret, SFU_NUM_WORKERS: '0' })).toThrow(/SFU_NUM_WORKERS/);
    expect(() => loadSfuConfig({ SFU_SECRET: secret, SFU_LISTEN_IP: 'not-an-ip' })).toThrow(/SFU_LISTEN_IP/);
    expect(() => loadSfuConfig({ SFU_SECRET: secret, SFU_LOG_LEVEL: 'loud' })).toThrow(/SFU_LOG_LEVEL/);
    expect(() =>
      loadSfuConfig({ SFU_SECRET: secret, MEDIASOUP_WORKER_BIN: '/nonexistent/mediasoup-worker' }),
    ).toThrow(/MEDIASOUP_WORKER_BIN/);
    expect(() => loadSfuConfig({ SFU_SECRET: secret, MEDIASOUP_WORKER_BIN: '/tmp' })).toThrow(
      /MEDIASOUP_WORKER_BIN/,
    );
    expect(() => loadSfuConfig({})).toThrow(ConfigError);
  });

  it('names every wrong variable at once', () => {
    expect(() => loadSfuConfig({ SFU_RPC_PORT: '-1' })).toThrow(/SFU_SECRET.*SFU_RPC_PORT/);
  });
});
