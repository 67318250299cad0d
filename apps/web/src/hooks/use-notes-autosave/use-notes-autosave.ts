import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsultNotes } from '@teleconsult/protocol';

export type SaveStatus = 'loading' | 'saved' | 'saving' | 'offline';

export interface NotesBackend {
  load(consultId: string): Promise<ConsultNotes>;
  save(consultId: string, text: string): Promise<ConsultNotes>;
}

export interface UseNotesAutosaveOptions {
  backend: NotesBackend;
  /** Where the unsaved draft lives until the server confirms it; localStorage in the browser. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  delayMs?: number;
  retryMs?: number;
}

const draftKey = (consultId: string) => `teleconsult.notes-draft.${consultId}`;

/**
 * The clinician's notes, saved as they type: a debounced save of the whole text; the draft is
 * kept in local storage until the server confirms it, so a reload or a dropped connection loses
 * nothing; failed saves retry until they succeed.
 */
export function useNotesAutosave(
  consultId: string,
  { backend, storage = localStorage, delayMs = 800, retryMs = 3000 }: UseNotesAutosaveOptions,
) {
  const [text, setTextState] = useState('');
  const [status, setStatus] = useState<SaveStatus>('loading');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef(false);

  const save = useCallback(async () => {
    if (saving.current) return;
    saving.current = true;
    const sent = latest.current;
    setStatus('saving');
    try {
      const saved = await backend.save(consultId, sent);
      setSavedAt(saved.updatedAt);
      if (latest.current === sent) {
        storage.removeItem(draftKey(consultId));
        setStatus('saved');
      } else {
        timer.current = setTimeout(() => void save(), delayMs); // typed on while saving
      }
    } catch {
      setStatus('offline');
      timer.current = setTimeout(() => void save(), retryMs);
    } finally {
      saving.current = false;
    }
  }, [backend, consultId, storage, delayMs, retryMs]);

  const schedule = useCallback(
    (wait: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), wait);
    },
    [save],
  );

  useEffect(() => {
    let cancelled = false;
    const draft = storage.getItem(draftKey(consultId));
    backend.load(consultId).then(
      (notes) => {
        if (cancelled) return;
        setSavedAt(notes.updatedAt);
        if (draft !== null && draft !== notes.text) {
          // A draft the server never confirmed (reload or drop mid-save): it wins, and is saved now.
          latest.current = draft;
          setTextState(draft);
          schedule(0);
        } else {
          latest.current = notes.text;
          setTextState(notes.text);
          storage.removeItem(draftKey(consultId));
          setStatus('saved');
        }
      },
      () => {
        if (cancelled) return;
        latest.current = draft ?? '';
        setTextState(draft ?? '');
        setStatus('offline');
        if (draft !== null) schedule(retryMs);
      },
    );
    const online = () => {
      if (storage.getItem(draftKey(consultId)) !== null) schedule(0);
    };
    window.addEventListener('online', online);
    return () => {
      cancelled = true;
      window.removeEventListener('online', online);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [backend, consultId, storage, schedule, retryMs]);

  const setText = useCallback(
    (next: string) => {
      latest.current = next;
      setTextState(next);
      storage.setItem(draftKey(consultId), next);
      setStatus((current) => (current === 'offline' ? 'offline' : 'saving'));
      schedule(delayMs);
    },
    [consultId, storage, schedule, delayMs],
  );

  return { text, setText, status, savedAt };
}
