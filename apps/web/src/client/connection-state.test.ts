import { describe, expect, it } from 'vitest';
import { type ConnectionInputs, deriveConnectionState } from './connection-state';

const base: ConnectionInputs = {
  socket: 'up',
  joined: true,
  send: 'connected',
  recv: null,
  terminal: null,
  everConnected: true,
};

describe('deriveConnectionState', () => {
  it('is connecting until the first join and send transport are up', () => {
    expect(deriveConnectionState({ ...base, everConnected: false, joined: false })).toBe('connecting');
    expect(deriveConnectionState({ ...base, everConnected: false, send: 'connecting' })).toBe('connecting');
  });

  it('is connected when joined and sending, or joined with nothing to send', () => {
    expect(deriveConnectionState(base)).toBe('connected');
    expect(deriveConnectionState({ ...base, send: null })).toBe('connected');
  });

  it('is reconnecting when the socket drops or a transport breaks after having connected', () => {
    expect(deriveConnectionState({ ...base, socket: 'down' })).toBe('reconnecting');
    expect(deriveConnectionState({ ...base, send: 'disconnected' })).toBe('reconnecting');
    expect(deriveConnectionState({ ...base, recv: 'failed' })).toBe('reconnecting');
  });

  it('lets a terminal condition win', () => {
    expect(deriveConnectionState({ ...base, terminal: 'failed' })).toBe('failed');
    expect(deriveConnectionState({ ...base, socket: 'down', terminal: 'closed' })).toBe('closed');
  });
});
