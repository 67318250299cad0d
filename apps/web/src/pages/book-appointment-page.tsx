import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { BookAppointmentResponse, UserInfo } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { sessionStore } from '../api/session-store';
import { AppHeader } from '../components/app-header';
import { linkWindowInWords } from '../components/schedule/link-window';
import { downloadWithToken, localDay, localTime } from '../components/schedule/schedule-format';
import { SlotChips } from '../components/schedule/slot-chips';
import { useClinicians } from '../hooks/use-clinicians/use-clinicians';
import { useSlots } from '../hooks/use-slots/use-slots';
import '../components/schedule/schedule.css';
import '../components/schedule/booking.css';

/** Staff book a free slot in a clinician's diary; the patient link is shown once, to copy. */
export function BookAppointmentPage({ user, onSignOut }: { user: UserInfo; onSignOut: () => void }) {
  const clinicians = useClinicians();
  const [clinicianId, setClinicianId] = useState(user.id);
  const [day, setDay] = useState(() => new Date());
  const { slots, error: slotsError, refresh: refreshSlots } = useSlots(clinicianId, day);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [patient, setPatient] = useState({ name: '', email: '', phone: '' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ message: string; field?: string | undefined } | null>(null);
  const [booked, setBooked] = useState<BookAppointmentResponse | null>(null);
  const [copied, setCopied] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  // A new day or clinician, or a refresh after a clash: the old choice no longer applies.
  useEffect(() => setStartsAt(null), [slots]);

  const moveDay = (days: number) =>
    setDay((d) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + days));
  const isToday = day.toDateString() === new Date().toDateString();

  const book = async (event: FormEvent) => {
    event.preventDefault();
    if (!startsAt) return setError({ message: 'Choose a time first.', field: 'startsAt' });
    setError(null);
    setSubmitting(true);
    try {
      const result = await api.bookAppointment({
        clinicianId,
        startsAt,
        patient: {
          name: patient.name.trim(),
          ...(patient.email.trim() ? { email: patient.email.trim() } : {}),
          ...(patient.phone.trim() ? { phone: patient.phone.trim() } : {}),
        },
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setBooked(result);
      setCopied(false);
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.code === 'SLOT_UNAVAILABLE') {
        setError({ message: 'That slot was just taken — pick another.', field: 'startsAt' });
        refreshSlots();
      } else
        setError({
          message: caught instanceof Error ? caught.message : 'Booking failed.',
          field: caught instanceof ApiRequestError ? caught.field : undefined,
        });
    } finally {
      setSubmitting(false);
    }
  };

  const copy = async () => {
    if (!booked) return;
    await navigator.clipboard?.writeText(booked.patientLink.url).catch(() => undefined);
    setCopied(true);
  };

  const downloadIcs = () => {
    const token = sessionStore.get()?.accessToken;
    if (booked && token)
      void downloadWithToken(
        `/api/appointments/${booked.appointment.id}/calendar.ics`,
        token,
        'appointment.ics',
      ).catch(() => setError({ message: 'The calendar file could not be downloaded.' }));
  };

  if (booked) {
    const { appointment, patientLink } = booked;
    return (
      <div className="page">
        <AppHeader user={user} onSignOut={onSignOut} />
        <main className="dashboard">
          <section className="card" data-testid="booking-confirmation">
            <p className="eyebrow">Appointment booked</p>
            <h1>
              {appointment.patientName} · {localDay(new Date(appointment.startsAt))},{' '}
              {localTime(appointment.startsAt)}
            </h1>
            <p className="muted">
              With {appointment.clinicianName}
              {appointment.reason ? ` · ${appointment.reason}` : ''}
            </p>
            <div className="link-panel">
              <p>
                <strong>Send this link to the patient now — it is shown only once.</strong>{' '}
                <span data-testid="booked-link-window">
                  {linkWindowInWords(patientLink, appointment.startsAt)}
                </span>
              </p>
              <div className="link-panel__row">
                <input
                  data-testid="booked-patient-link"
                  readOnly
                  value={patientLink.url}
                  onFocus={(e) => e.target.select()}
                  aria-label="Patient link"
                />
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="copy-booked-link"
                  onClick={() => void copy()}
                >
                  {copied ? 'Copied ✓' : 'Copy link'}
                </button>
                <button type="button" className="button" data-testid="download-ics" onClick={downloadIcs}>
                  Download .ics
                </button>
              </div>
            </div>
            {error ? (
              <p className="form-error" role="alert">
                {error.message}
              </p>
            ) : null}
            <div className="card-actions" style={{ marginTop: '1.25rem' }}>
              <Link href="/">Back to dashboard</Link>
              <button
                type="button"
                className="button"
                data-testid="book-another"
                onClick={() => {
                  setBooked(null);
                  setError(null);
                  setPatient({ name: '', email: '', phone: '' });
                  setReason('');
                  refreshSlots();
                }}
              >
                Book another
              </button>
            </div>
          </section>
        </main>
      </div>
    );
  }

  return (
    <div className="page">
      <AppHeader user={user} onSignOut={onSignOut} />
      <main className="dashboard">
        <form className="card booking" onSubmit={(e) => void book(e)} noValidate>
          <div className="card-actions">
            <div>
              <p className="eyebrow">Scheduling</p>
              <h1>Book an appointment</h1>
            </div>
            <Link href="/">Back to dashboard</Link>
          </div>
          <label className="field booking__clinician">
            <span>Clinician</span>
            <select
              data-testid="book-clinician"
              value={clinicianId}
              onChange={(e) => setClinicianId(e.target.value)}
            >
              {(clinicians.length ? clinicians : [{ id: user.id, displayName: user.displayName }]).map(
                (c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName}
                    {c.id === user.id ? ' (you)' : ''}
                  </option>
                ),
              )}
            </select>
          </label>
          <div className="day-nav">
            <button
              type="button"
              className="button"
              aria-label="Previous day"
              data-testid="book-prev-day"
              disabled={isToday}
              onClick={() => moveDay(-1)}
            >
              ‹
            </button>
            <strong>{isToday ? `Today, ${localDay(day)}` : localDay(day)}</strong>
            <button
              type="button"
              className="button"
              aria-label="Next day"
              data-testid="book-next-day"
              onClick={() => moveDay(1)}
            >
              ›
            </button>
            {isToday ? null : (
              <button type="button" className="link-button" onClick={() => setDay(new Date())}>
                Back to today
              </button>
            )}
          </div>
          {slots === null ? (
            <p className="muted">Loading free times…</p>
          ) : slots.slots.length === 0 ? (
            <p className="muted" data-testid="no-slots">
              {slotsError ??
                'No free times this day. Try the next day, or check the clinician’s availability.'}
            </p>
          ) : (
            <SlotChips
              slots={slots}
              selected={startsAt}
              onSelect={(chosen) => {
                setStartsAt(chosen);
                if (error?.field === 'startsAt') setError(null);
              }}
            />
          )}
          {error?.field === 'startsAt' ? (
            <p className="form-error" role="alert" data-testid="slot-error">
              {error.message}
            </p>
          ) : null}
          <h2>Patient</h2>
          <div className="form-grid">
            <label className="field">
              <span>Patient name</span>
              <input
                data-testid="book-patient-name"
                required
                maxLength={80}
                value={patient.name}
                aria-invalid={error?.field === 'patient.name'}
                onChange={(e) => setPatient({ ...patient, name: e.target.value })}
              />
            </label>
            <label className="field">
              <span>E-mail (optional)</span>
              <input
                type="email"
                maxLength={254}
                value={patient.email}
                aria-invalid={error?.field === 'patient.email'}
                onChange={(e) => setPatient({ ...patient, email: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Phone (optional)</span>
              <input
                type="tel"
                maxLength={24}
                value={patient.phone}
                aria-invalid={error?.field === 'patient.phone'}
                onChange={(e) => setPatient({ ...patient, phone: e.target.value })}
              />
            </label>
            <label className="field booking__reason">
              <span>Reason (optional)</span>
              <input
                data-testid="book-reason"
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
          </div>
          {error && error.field !== 'startsAt' ? (
            <p className="form-error" role="alert" data-testid="book-error">
              {error.message}
            </p>
          ) : null}
          <button
            className="button button--primary"
            data-testid="book-submit"
            type="submit"
            disabled={!startsAt || submitting}
          >
            {startsAt ? `Book ${localTime(startsAt)}` : 'Choose a time'}
          </button>
        </form>
      </main>
    </div>
  );
}
