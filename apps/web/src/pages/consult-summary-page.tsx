import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { ConsultReport, UserInfo } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { AppHeader } from '../components/app-header';
import '../components/schedule/schedule.css';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** What remains of a finished consult for its clinician: who took part and when, and the notes. */
export function ConsultSummaryPage({
  consultId,
  user,
  onSignOut,
}: {
  consultId: string;
  user: UserInfo;
  onSignOut: () => void;
}) {
  const [report, setReport] = useState<ConsultReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .getConsultReport(consultId)
      .then(setReport, (caught) =>
        setError(caught instanceof ApiRequestError ? caught.message : 'The summary could not be loaded.'),
      );
  }, [consultId]);

  return (
    <div className="page">
      <AppHeader user={user} onSignOut={onSignOut} />
      <main className="dashboard">
        <section className="card" data-testid="consult-summary">
          <div className="card-actions">
            <h1>{report?.title ?? 'Consult summary'}</h1>
            <Link href="/">Back to today</Link>
          </div>
          {error ? <p className="form-error">{error}</p> : null}
          {report ? (
            <>
              <dl className="summary-list">
                <dt>Status</dt>
                <dd>{report.status === 'ended' ? 'Ended' : report.status}</dd>
                <dt>Started</dt>
                <dd>{when(report.startedAt)}</dd>
                <dt>Ended</dt>
                <dd>{when(report.endedAt)}</dd>
                <dt>Chat messages</dt>
                <dd>{report.chatMessageCount}</dd>
              </dl>
              <h2>Participants</h2>
              <ul className="consult-list">
                {report.participants.map((p, i) => (
                  <li key={i}>
                    <span>
                      <strong>{p.displayName}</strong> <span className="muted">({p.role})</span>
                    </span>
                    <span className="muted">
                      {when(p.joinedAt)} → {when(p.leftAt)}
                    </span>
                  </li>
                ))}
              </ul>
              <h2>Images shared</h2>
              {report.images.length === 0 ? (
                <p className="muted">No images were shared.</p>
              ) : (
                <ul className="consult-list" data-testid="summary-images">
                  {report.images.map((image) => (
                    <li key={image.id}>
                      <span>
                        <strong>{image.fileName}</strong>{' '}
                        <span className="muted">
                          ({image.kind.toUpperCase()}
                          {image.modality ? ` · ${image.modality}` : ''}
                          {image.rows && image.columns ? ` · ${image.columns}×${image.rows}` : ''}
                          {image.frames > 1 ? ` · ${image.frames} frames` : ''})
                        </span>
                      </span>
                      <span className="muted">{when(image.uploadedAt)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {report.measurements.length > 0 ? (
                <>
                  <h2>Measurements</h2>
                  <ul className="consult-list" data-testid="summary-measurements">
                    {report.measurements.map((m, i) => (
                      <li key={`${m.at}-${i}`}>
                        <span>
                          <strong>
                            {m.lengthMm === null
                              ? `${m.lengthPx.toFixed(0)} px`
                              : `${m.lengthMm.toFixed(1)} mm`}
                          </strong>{' '}
                          <span className="muted">
                            on {report.images.find((image) => image.id === m.imageId)?.fileName ?? 'an image'}
                            {` · frame ${m.frame + 1} · by ${m.by}`}
                          </span>
                        </span>
                        <span className="muted">{when(m.at)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <h2>Notes</h2>
              <p className="notes-text" data-testid="summary-notes">
                {report.notes.text || 'No notes were written.'}
              </p>
            </>
          ) : error ? null : (
            <p className="muted">Loading…</p>
          )}
        </section>
      </main>
    </div>
  );
}
