export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface ConnectionInputs {
  /** The signalling socket is up. */
  socket: 'connecting' | 'up' | 'down';
  joined: boolean;
  /** RTCPeerConnection state of the send transport, or null when nothing is sent. */
  send: RTCPeerConnectionState | null;
  recv: RTCPeerConnectionState | null;
  /** A terminal condition: refused, failed for good, left or closed by the server. */
  terminal: 'failed' | 'closed' | null;
  /** The socket was up once: a drop now is a reconnect, not a first connect. */
  everConnected: boolean;
}

const broken = (state: RTCPeerConnectionState | null) => state === 'disconnected' || state === 'failed';

/** What the badge says, derived from socket, join and both transports; pure so it can be tested alone. */
export function deriveConnectionState(inputs: ConnectionInputs): ConnectionState {
  if (inputs.terminal) return inputs.terminal;
  if (inputs.socket !== 'up' || !inputs.joined || broken(inputs.send) || broken(inputs.recv)) {
    return inputs.everConnected ? 'reconnecting' : 'connecting';
  }
  if (inputs.send === null || inputs.send === 'connected') return 'connected';
  return inputs.everConnected ? 'reconnecting' : 'connecting';
}
