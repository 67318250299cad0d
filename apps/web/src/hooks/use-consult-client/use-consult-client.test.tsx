import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConsultClient, ConsultSnapshot } from '../../client/consult-client';
import { useConsultClient } from './use-consult-client';

function fakeClient() {
  let snapshot: ConsultSnapshot = {
    state: 'connecting',
    admission: 'none',
    waitingSince: null,
    chat: [],
    waitingPatients: [],
    self: null,
    remotes: [],
    imaging: [],
    imagingPublished: false,
    activeSpeakerId: null,
    micMuted: false,
    cameraOff: false,
    error: null,
    closedReason: null,
  };
  const listeners = new Set<() => void>();
  return {
    start: vi.fn(),
    close: vi.fn(),
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getSnapshot: () => snapshot,
    push(next: Partial<ConsultSnapshot>) {
      snapshot = { ...snapshot, ...next };
      listeners.forEach((l) => l());
    },
  };
}

describe('useConsultClient', () => {
  it('starts a client, follows its snapshot, and closes it on unmount', () => {
    const fake = fakeClient();
    const { result, unmount } = renderHook(() =>
      useConsultClient({
        auth: { kind: 'patient', joinToken: 'x'.repeat(43) },
        displayName: 'Pat',
        localStream: null,
        createClient: () => fake as unknown as ConsultClient,
      }),
    );
    expect(fake.start).toHaveBeenCalledOnce();
    act(() => fake.push({ state: 'connected' }));
    expect(result.current.snapshot.state).toBe('connected');
    unmount();
    expect(fake.close).toHaveBeenCalled();
  });

  it('does nothing until there is auth', () => {
    const create = vi.fn();
    const { result } = renderHook(() =>
      useConsultClient({ auth: null, displayName: '', localStream: null, createClient: create }),
    );
    expect(create).not.toHaveBeenCalled();
    expect(result.current.snapshot.state).toBe('connecting');
  });
});
