import { type FormEvent, useEffect, useRef, useState } from 'react';
import { CHAT_TEXT_MAX, type ChatMessage } from '@teleconsult/protocol';
import './chat.css';

interface ChatPanelProps {
  messages: ChatMessage[];
  /** Who "you" are, to tell one's own messages from the others'. */
  selfRole: 'clinician' | 'patient';
  onSend: (text: string) => Promise<void>;
  title?: string;
  placeholder?: string;
  /** Shown when there are no messages yet. */
  empty?: string;
  disabled?: boolean;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** A chat thread. Messages are rendered as text nodes (React escapes them): never as HTML. */
export function ChatPanel({
  messages,
  selfRole,
  onSend,
  title = 'Chat',
  placeholder = 'Write a message',
  empty = 'No messages yet.',
  disabled = false,
}: ChatPanelProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [messages.length]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    setError(null);
    try {
      await onSend(text);
      setDraft('');
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The message could not be sent.');
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="chat" aria-label={title} data-testid="chat-panel">
      <h2 className="chat__title">{title}</h2>
      <ol className="chat__list" ref={list} aria-live="polite">
        {messages.length === 0 ? <li className="chat__empty muted">{empty}</li> : null}
        {messages.map((m) => (
          <li
            key={m.id}
            className={`chat__message ${m.senderRole === selfRole ? 'chat__message--mine' : ''}`}
            data-testid="chat-message"
          >
            <span className="chat__meta">
              {m.senderName} · {time(m.sentAt)}
              {m.privateTo && selfRole === 'clinician' ? ' · private' : ''}
            </span>
            <span className="chat__text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat__form" onSubmit={(e) => void submit(e)}>
        <input
          data-testid="chat-input"
          aria-label="Message"
          placeholder={placeholder}
          maxLength={CHAT_TEXT_MAX}
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button
          className="button button--primary"
          type="submit"
          data-testid="chat-send"
          disabled={disabled || sending}
        >
          Send
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
