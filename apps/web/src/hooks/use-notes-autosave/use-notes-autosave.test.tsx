import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConsultNotes } from '@teleconsult/protocol';
import { type NotesBackend, useNotesAutosave } from './use-notes-autosave';

const CONSULT = '00000000-0000-4000-8000-000000000001';
const KEY = `teleconsult.notes-draft.${CONSULT}`;

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

function server(text = '') {
  let stored: ConsultNotes = {
    consultId: CONSULT,
    text,
    updatedAt: text ? '2026-03-01T09:00:00.000Z' : null,
  };
  let failing = false;
  const backend: NotesBackend & { saves: string[] } = {
    saves: [],
    load: async () => stored,
    save: vi.fn(async (_id: string, next: string) => {
      if (failing) throw new Error('offline');
      backend.saves.push(next);
      stored = { consultId: CONSULT, text: next, updatedAt: new Date().toISOString() };
      return stored;
    }),
  };
  return { backend, fail: (value: boolean) => (failing = value), stored: () => stored };
}

describe('useNotesAutosave', () => {
  it('loads the saved notes, then saves once typing pauses and drops the draft when confirmed', async () => {
    const { backend } = server('Earlier note');
    const storage = memoryStorage();
    const { result } = renderHook(() => useNotesAutosave(CONSULT, { backend, storage, delayMs: 30 }));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(result.current.text).toBe('Earlier note');

    act(() => result.current.setText('Earlier note. Knee'));
    act(() => result.current.setText('Earlier note. Knee swollen'));
    expect(result.current.status).toBe('saving');
    expect(storage.map.get(KEY)).toBe('Earlier note. Knee swollen');
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(backend.saves).toEqual(['Earlier note. Knee swollen']); // debounced: one save
    expect(storage.map.has(KEY)).toBe(false);
  });

  it('keeps the draft while offline, says so, and retries until the server has it', async () => {
    const { backend, fail, stored } = server();
    const storage = memoryStorage();
    const { result } = renderHook(() =>
      useNotesAutosave(CONSULT, { backend, storage, delayMs: 10, retryMs: 40 }),
    );
    await waitFor(() => expect(result.current.status).toBe('saved'));
    fail(true);
    act(() => result.current.setText('Written on a train'));
    await waitFor(() => expect(result.current.status).toBe('offline'));
    expect(storage.map.get(KEY)).toBe('Written on a train');
    fail(false);
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(stored().text).toBe('Written on a train');
    expect(storage.map.has(KEY)).toBe(false);
  });

  it('after a reload, an unconfirmed draft wins over the server copy and is saved', async () => {
    const { backend, stored } = server('Old');
    const storage = memoryStorage({ [KEY]: 'Old, and the part typed before the reload' });
    const { result } = renderHook(() => useNotesAutosave(CONSULT, { backend, storage, delayMs: 10 }));
    await waitFor(() => expect(result.current.text).toBe('Old, and the part typed before the reload'));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(stored().text).toBe('Old, and the part typed before the reload');
  });
});
