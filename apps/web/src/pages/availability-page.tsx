import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { UserInfo } from '@teleconsult/protocol';
import { AppHeader } from '../components/app-header';
import {
  type AvailabilityDraft,
  describeInputKey,
  inputKeyFor,
  toDraft,
  toRequest,
  withoutFieldPrefix,
} from '../components/schedule/availability-draft';
import { AvailabilityForm } from '../components/schedule/availability-form';
import { useAvailability } from '../hooks/use-availability/use-availability';
import '../components/schedule/schedule.css';

type Status = { ok: true; text: string } | { ok: false; text: string; field?: string | undefined } | null;

/** A clinician's weekly hours and exceptions, as wall-clock times in their own zone. */
export function AvailabilityPage({ user, onSignOut }: { user: UserInfo; onSignOut: () => void }) {
  const { availability, loadError, saving, save } = useAvailability();
  const [draft, setDraft] = useState<AvailabilityDraft | null>(null);
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    if (availability && draft === null) setDraft(toDraft(availability));
  }, [availability, draft]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setStatus(null);
    const outcome = await save(toRequest(draft));
    if (outcome.ok) {
      setDraft(toDraft(outcome.saved));
      setStatus({ ok: true, text: 'Saved — patients can be booked into these hours.' });
    } else setStatus({ ok: false, text: outcome.message, field: outcome.field });
  };

  const field = status && !status.ok ? status.field : undefined;
  const invalidKey = draft ? inputKeyFor(field, draft) : null;
  const invalid =
    invalidKey && status ? { key: invalidKey, message: withoutFieldPrefix(status.text, field) } : null;

  return (
    <div className="page">
      <AppHeader user={user} onSignOut={onSignOut} />
      <main className="dashboard">
        <form className="card" onSubmit={(e) => void submit(e)} noValidate>
          <div className="card-actions">
            <div>
              <p className="eyebrow">Scheduling</p>
              <h1>Your availability</h1>
            </div>
            <Link href="/">Back to dashboard</Link>
          </div>
          <p className="muted">
            Patients can be booked into these hours, one appointment per slot. Already booked appointments
            stay as they are when you change them.
          </p>
          {loadError ? (
            <p className="form-error" role="alert">
              {loadError}
            </p>
          ) : null}
          {draft === null ? (
            loadError ? null : (
              <p className="muted">Loading your hours…</p>
            )
          ) : (
            <>
              <AvailabilityForm
                draft={draft}
                invalid={invalid}
                onChange={(next) => {
                  setDraft(next);
                  if (status?.ok) setStatus(null);
                }}
              />
              <div className="save-bar">
                <button
                  className="button button--primary"
                  type="submit"
                  data-testid="save-availability"
                  disabled={saving}
                >
                  {saving ? 'Saving…' : 'Save availability'}
                </button>
                {status?.ok ? (
                  <p className="save-bar__ok" role="status" data-testid="availability-saved">
                    ✓ {status.text}
                  </p>
                ) : status ? (
                  <p className="form-error" role="alert" data-testid="availability-error">
                    {invalid && draft
                      ? `${describeInputKey(invalid.key, draft)}: ${invalid.message}`
                      : status.text}
                  </p>
                ) : availability?.updatedAt ? (
                  <p className="muted small">
                    Last saved {new Date(availability.updatedAt).toLocaleString()}
                  </p>
                ) : (
                  <p className="muted small">Not saved yet — these are suggested hours.</p>
                )}
              </div>
            </>
          )}
        </form>
      </main>
    </div>
  );
}
