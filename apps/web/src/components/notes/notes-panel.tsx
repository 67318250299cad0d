import { api } from '../../api/api-client';
import { type SaveStatus, useNotesAutosave } from '../../hooks/use-notes-autosave/use-notes-autosave';
import { NOTES_TEXT_MAX } from '@teleconsult/protocol';
import './notes.css';

const backend = { load: api.getNotes, save: api.saveNotes };

const LABEL: Record<SaveStatus, string> = {
  loading: 'Loading…',
  saving: 'Saving…',
  saved: 'Saved',
  offline: 'Offline — will retry',
};

/** The clinician's private notes, saved as they type; patients never see them. */
export function NotesPanel({ consultId }: { consultId: string }) {
  const { text, setText, status } = useNotesAutosave(consultId, { backend });
  return (
    <section className="notes" aria-label="Private notes">
      <div className="notes__head">
        <h2 className="notes__title">Private notes</h2>
        <span className={`notes__status notes__status--${status}`} data-testid="notes-status" role="status">
          {LABEL[status]}
        </span>
      </div>
      <textarea
        data-testid="notes-input"
        className="notes__input"
        aria-label="Private notes"
        placeholder="Only you can see these notes. They are saved as you type."
        maxLength={NOTES_TEXT_MAX}
        value={text}
        disabled={status === 'loading'}
        onChange={(e) => setText(e.target.value)}
      />
    </section>
  );
}
