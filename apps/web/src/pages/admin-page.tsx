import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { AuditEntry, ClinicianAccount, UserInfo } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { AppHeader } from '../components/app-header';
import { type AuditFilterForm, EMPTY_FILTERS, auditQuery } from '../components/admin/audit-filters';
import { WardStaffPanel } from '../components/admin/ward-staff-panel';
import '../components/schedule/schedule.css';

const errorText = (caught: unknown) =>
  caught instanceof ApiRequestError ? caught.message : 'That did not work.';

/**
 * Admins: clinician accounts, who is on each ward's staff, and the audit trail. No patient media,
 * notes or appointments here.
 */
export function AdminPage({ user, onSignOut }: { user: UserInfo; onSignOut: () => void }) {
  // A clinician created, disabled or enabled above changes who can be put on a ward below.
  const [accountsVersion, setAccountsVersion] = useState(0);
  const accountsChanged = useCallback(() => setAccountsVersion((v) => v + 1), []);
  return (
    <div className="page">
      <AppHeader user={user} onSignOut={onSignOut} />
      <main className="dashboard">
        <ClinicianAccounts onChanged={accountsChanged} />
        <WardStaffPanel accountsVersion={accountsVersion} />
        <AuditLog />
      </main>
    </div>
  );
}

function ClinicianAccounts({ onChanged }: { onChanged: () => void }) {
  const [accounts, setAccounts] = useState<ClinicianAccount[] | null>(null);
  const [form, setForm] = useState({ email: '', displayName: '', password: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(
    () => void api.listClinicianAccounts().then(setAccounts, () => setAccounts([])),
    [],
  );
  useEffect(load, [load]);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setMessage({ ok: true, text: done });
      load();
      onChanged();
    } catch (caught) {
      setMessage({ ok: false, text: errorText(caught) });
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.createClinician(form);
      setForm({ email: '', displayName: '', password: '' });
    }, `Account created for ${form.displayName}.`);
  };

  return (
    <section className="card" data-testid="admin-clinicians">
      <h1>Clinician accounts</h1>
      <form className="form-grid" onSubmit={create}>
        <label className="field">
          <span>Name</span>
          <input
            required
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </label>
        <label className="field">
          <span>E-mail</span>
          <input
            required
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Initial password (12+ characters)</span>
          <input
            required
            minLength={12}
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <button className="button button--primary" type="submit">
          Create account
        </button>
      </form>
      {message ? (
        <p className={message.ok ? 'notice' : 'form-error'} role="status">
          {message.text}
        </p>
      ) : null}
      {accounts === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul className="schedule">
          {accounts.map((a) => (
            <li key={a.id} className="schedule-row" data-testid="clinician-account">
              <span className={`status status--${a.disabledAt ? 'cancelled' : 'completed'}`}>
                {a.disabledAt ? 'Disabled' : 'Active'}
              </span>
              <span>
                <strong>{a.displayName}</strong> <span className="muted">{a.email}</span>
              </span>
              <span className="muted small">since {new Date(a.createdAt).toLocaleDateString()}</span>
              <span className="schedule-row__actions">
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void run(
                      () => api.setClinicianEnabled(a.id, !!a.disabledAt),
                      a.disabledAt
                        ? `${a.displayName} can sign in again.`
                        : `${a.displayName} is disabled and signed out everywhere.`,
                    )
                  }
                >
                  {a.disabledAt ? 'Enable' : 'Disable'}
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    const password = window.prompt(`New password for ${a.displayName} (12+ characters):`);
                    if (password)
                      void run(
                        () => api.resetClinicianPassword(a.id, password),
                        `Password reset; ${a.displayName}'s sessions ended.`,
                      );
                  }}
                >
                  Reset password
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AuditLog() {
  const [filters, setFilters] = useState<AuditFilterForm>(EMPTY_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback(async (form: AuditFilterForm, after: string | null) => {
    setError(null);
    try {
      const page = await api.auditPage(auditQuery(form, after));
      setEntries((current) => (after && current ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, []);
  useEffect(() => void fetchPage(EMPTY_FILTERS, null), [fetchPage]);
  const field = (name: keyof AuditFilterForm, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        value={filters[name]}
        onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
      />
    </label>
  );

  return (
    <section className="card" data-testid="admin-audit">
      <h2>Audit trail</h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void fetchPage(filters, null);
        }}
      >
        {field('action', 'Action (e.g. notes.viewed)')}
        {field('actorId', 'Actor id')}
        {field('consultId', 'Consult id')}
        {field('fromDate', 'From', 'date')}
        {field('toDate', 'To', 'date')}
        <button className="button button--primary" type="submit">
          Filter
        </button>
      </form>
      {error ? <p className="form-error">{error}</p> : null}
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">Nothing matches these filters.</p>
      ) : (
        <table className="audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Action</th>
              <th>Who</th>
              <th>Consult</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.actorType}: {e.actorId.slice(0, 24)}
                </td>
                <td>{e.consultId ? e.consultId.slice(0, 8) : '—'}</td>
                <td>{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor ? (
        <button type="button" className="button" onClick={() => void fetchPage(filters, cursor)}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
