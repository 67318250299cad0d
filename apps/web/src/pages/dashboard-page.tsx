import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { ConsultSummary, CreateConsultResponse, UserInfo } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { AppHeader } from '../components/app-header';
import { InvitedConsultsCard } from '../components/invitations/invited-consults-card';
import { TodaySchedule } from '../components/schedule/today-schedule';
import { WaitingRoomCard } from '../components/waiting-room/waiting-room-card';
import { sessionStore } from '../api/session-store';
import { useDashboardLobby } from '../hooks/use-dashboard-lobby/use-dashboard-lobby';

const accessToken = () => sessionStore.get()?.accessToken ?? null;

const STATUS_LABEL: Record<ConsultSummary['status'], string> = {
  scheduled: 'Not started',
  active: 'In progress',
  ended: 'Ended',
};

export function DashboardPage({ user, onSignOut }: { user: UserInfo; onSignOut: () => void }) {
  const [, navigate] = useLocation();
  // One dashboard socket: the live waiting room, and word when invitations change.
  const lobby = useDashboardLobby(accessToken);
  const [consults, setConsults] = useState<ConsultSummary[] | null>(null);
  const [title, setTitle] = useState('');
  const [patientName, setPatientName] = useState('');
  const [created, setCreated] = useState<CreateConsultResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    api.listConsults().then(setConsults, () => setConsults([]));
  }, [created]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await api.createConsult({
        title: title.trim() || 'Video consultation',
        ...(patientName.trim() ? { patientName: patientName.trim() } : {}),
      });
      setCreated(result);
      setCopied(false);
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'The consult could not be created.');
    }
  };

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.patientLink.url).catch(() => undefined);
    setCopied(true);
  };

  return (
    <div className="page">
      <AppHeader user={user} onSignOut={onSignOut} />
      <main className="dashboard">
        <WaitingRoomCard lobby={lobby} onAdmitted={(patient) => navigate(`/consults/${patient.consultId}`)} />
        {user.role === 'clinician' ? (
          <InvitedConsultsCard version={lobby.snapshot.invitationsVersion} />
        ) : null}
        {user.role === 'clinician' ? <TodaySchedule /> : null}
        <section className="card">
          <h1>New consult</h1>
          <form className="inline-form" onSubmit={(e) => void create(e)}>
            <label className="field">
              <span>Reason for the consult</span>
              <input
                data-testid="create-consult-title"
                placeholder="Video consultation"
                maxLength={120}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            </label>
            <label className="field">
              <span>Patient name (optional)</span>
              <input
                data-testid="create-consult-patient"
                maxLength={80}
                value={patientName}
                onChange={(e) => setPatientName(e.target.value)}
              />
            </label>
            <button className="button button--primary" data-testid="create-consult-submit" type="submit">
              Create consult
            </button>
          </form>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          {created ? (
            <div className="link-panel">
              <p>
                Send this link to <strong>{created.consult.patientName ?? 'the patient'}</strong>. It works
                until {new Date(created.patientLink.expiresAt).toLocaleString()}.
              </p>
              <div className="link-panel__row">
                <input
                  data-testid="patient-link"
                  readOnly
                  value={created.patientLink.url}
                  onFocus={(e) => e.target.select()}
                  aria-label="Patient link"
                />
                <button
                  type="button"
                  className="button"
                  data-testid="copy-patient-link"
                  onClick={() => void copy()}
                >
                  {copied ? 'Copied' : 'Copy link'}
                </button>
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="start-consult"
                  onClick={() => navigate(`/consults/${created.consult.id}`)}
                >
                  Start consult
                </button>
              </div>
            </div>
          ) : null}
        </section>

        <section className="card">
          <h2>Your consults</h2>
          {consults === null ? (
            <p className="muted">Loading…</p>
          ) : consults.length === 0 ? (
            <p className="muted">No consults yet. Create one above.</p>
          ) : (
            <ul className="consult-list">
              {consults.map((consult) => (
                <li key={consult.id}>
                  <span>
                    <strong>{consult.title}</strong>
                    <span className="muted"> · {consult.patientName ?? 'patient not named'}</span>
                  </span>
                  <span className={`status status--${consult.status}`}>{STATUS_LABEL[consult.status]}</span>
                  {consult.status === 'ended' ? null : <Link href={`/consults/${consult.id}`}>Open</Link>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
