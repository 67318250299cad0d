/** Test helper: a socket.io client socket as a script — the mechanics shared by the namespace fakes. */
import * as fakeParameters from 'mediasoup-client/fakeParameters';

type Listener = (...args: unknown[]) => void;
export type Answer = (payload: Record<string, unknown>) => unknown;

const REFUSED = Symbol('refused');
/** An answer that acknowledges the request with this error instead of data. */
export const refusal = (code: string, message: string) => ({ [REFUSED]: { code, message } });

/**
 * Answers every acknowledged request with `reply(name, payload)` (or an override set with
 * `answer`), records what was sent, and lets a test fire events and notifications.
 */
export function scriptedSocket<S, N>(reply: (name: string, payload: Record<string, unknown>) => unknown) {
  const listeners = new Map<string, Listener[]>();
  const sent: Array<{ name: string; payload: Record<string, unknown> }> = [];
  const overrides = new Map<string, Answer>();
  const socket = {
    connected: false,
    on: (event: string, l: Listener) => listeners.set(event, [...(listeners.get(event) ?? []), l]),
    off: () => listeners.clear(),
    connect: () => undefined,
    disconnect: () => undefined,
    timeout: () => ({
      emitWithAck: async (name: string, payload: Record<string, unknown>) => {
        sent.push({ name, payload });
        const data = (overrides.get(name) ?? ((p) => reply(name, p)))(payload);
        if (data && typeof data === 'object' && REFUSED in data) return { ok: false, error: data[REFUSED] };
        return { ok: true, data };
      },
    }),
  };
  const fire = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  return {
    socket: socket as unknown as S,
    sent,
    requested: (name: string) => sent.filter((s) => s.name === name).map((s) => s.payload),
    connect: () => {
      socket.connected = true;
      fire('connect');
    },
    fire,
    notify: (n: N) => fire('notification', n),
    answer: (name: string, a: Answer) => overrides.set(name, a),
  };
}

/** What the server answers to a transport request: mediasoup-client's fake remote parameters. */
export function fakeTransportOptions({ sctp = false }: { sctp?: boolean } = {}) {
  const p = fakeParameters.generateTransportRemoteParameters();
  return {
    transportId: p.id,
    iceParameters: p.iceParameters,
    iceCandidates: p.iceCandidates,
    dtlsParameters: p.dtlsParameters,
    ...(sctp ? { sctpParameters: p.sctpParameters } : {}),
  };
}
