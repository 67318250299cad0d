import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { AvailabilityRequest, UserInfo } from '@teleconsult/protocol';
import { ApiRequestError, api } from '../api/api-client';
import { AppHeader } from '../components/app-header';
import '../components/schedule/schedule.css';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
type Day = { on: boolean; start: string; end: string };
const zones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [Intl.DateTimeFormat().resolvedOptions().timeZone];
};

/** Weekly hours (one range per weekday) and days off, as wall-clock times in the clinician's zone. */
export function AvailabilityPage({ user, onSignOut }: { user: UserInfo; onSignOut: () => void }) {
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [slotMinutes, setSlotMinutes] = useState(20);
  const [days, setDays] = useState<Day[]>(
    WEEKDAYS.map((_, i) => ({ on: i < 5, start: '09:00', end: '17:00' })),
  );
  const [daysOff, setDaysOff] = useState<string[]>([]);
  const [newDayOff, setNewDayOff] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string; field?: string | undefined } | null>(
    null,
  );

  useEffect(() => {
    api.getAvailability().then(
      (a) => {
        if (!a.updatedAt) return;
        setTimeZone(a.timeZone);
        setSlotMinutes(a.slotMinutes);
        setDays(
          WEEKDAYS.map((_, i) => {
            const w = a.weekly.find((x) => x.weekday === i + 1);
            return w ? { on: true, start: w.start, end: w.end } : { on: false, start: '09:00', end: '17:00' };
          }),
        );
        setDaysOff(a.exceptions.filter((e) => e.windows.length === 0).map((e) => e.date));
      },
      () => undefined,
    );
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body: AvailabilityRequest = {
      timeZone,
      slotMinutes,
      weekly: days.flatMap((d, i) => (d.on ? [{ weekday: i + 1, start: d.start, end: d.end }] : [])),
      exceptions: daysOff.map((date) => ({ date, windows: [] })),
    };
    try {
      await api.saveAvailability(body);
      setStatus({ ok: true, text: 'Saved. Patients can now be booked into these hours.' });
    } catch (caught) {
      setStatus({
        ok: false,
        text: caught instanceof ApiRequestError ? caught.message : 'Could not save.',
        field: caught instanceof ApiRequestError ? caught.field : undefined,
      });
    }
  };
  const setDay = (i: number, patch: Partial<Day>) =>
    setDays((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  // weekly.<n> in an error counts only the enabled days: map it back to the row.
  const invalidRow = (() => {
    const match = status?.field?.match(/^weekly\.(\d+)/);
    if (!match) return -1;
    const enabled = days.map((d, i) => (d.on ? i : -1)).filter((i) => i >= 0);
    return enabled[Number(match[1])] ?? -1;
  })();

  return (
    <div className="page">
      <AppHeader user={user} onSignOut={onSignOut} />
      <main className="dashboard">
        <form className="card" onSubmit={(e) => void save(e)}>
          <div className="card-actions">
            <h1>Your availability</h1>
            <Link href="/">Back to today</Link>
          </div>
          <div className="form-grid">
            <label className="field">
              <span>Time zone</span>
              <select
                value={timeZone}
                aria-invalid={status?.field === 'timeZone'}
                onChange={(e) => setTimeZone(e.target.value)}
              >
                {zones().map((z) => (
                  <option key={z}>{z}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Appointment length</span>
              <select value={slotMinutes} onChange={(e) => setSlotMinutes(Number(e.target.value))}>
                {[10, 15, 20, 30, 45, 60].map((m) => (
                  <option key={m} value={m}>
                    {m} minutes
                  </option>
                ))}
              </select>
            </label>
          </div>
          <h2>Weekly hours</h2>
          <ul className="schedule">
            {WEEKDAYS.map((name, i) => (
              <li key={name} className="schedule-row" aria-invalid={invalidRow === i}>
                <label>
                  <input
                    type="checkbox"
                    checked={days[i]!.on}
                    onChange={(e) => setDay(i, { on: e.target.checked })}
                  />{' '}
                  {name.slice(0, 3)}
                </label>
                <span className="muted">
                  {days[i]!.on ? `${days[i]!.start}–${days[i]!.end}` : 'Not working'}
                </span>
                <input
                  type="time"
                  aria-label={`${name} start`}
                  value={days[i]!.start}
                  disabled={!days[i]!.on}
                  onChange={(e) => setDay(i, { start: e.target.value })}
                />
                <input
                  type="time"
                  aria-label={`${name} end`}
                  value={days[i]!.end}
                  disabled={!days[i]!.on}
                  onChange={(e) => setDay(i, { end: e.target.value })}
                />
              </li>
            ))}
          </ul>
          <h2>Days off</h2>
          <div className="link-panel__row">
            <input
              type="date"
              aria-label="Day off"
              value={newDayOff}
              onChange={(e) => setNewDayOff(e.target.value)}
            />
            <button
              type="button"
              className="button"
              disabled={!newDayOff}
              onClick={() => {
                setDaysOff((d) => [...new Set([...d, newDayOff])].sort());
                setNewDayOff('');
              }}
            >
              Add day off
            </button>
          </div>
          <p className="muted">
            {daysOff.length === 0
              ? 'No days off.'
              : daysOff.map((d) => (
                  <button
                    key={d}
                    type="button"
                    className="slot-chip"
                    title="Remove"
                    onClick={() => setDaysOff((all) => all.filter((x) => x !== d))}
                  >
                    {d} ✕
                  </button>
                ))}
          </p>
          {status ? (
            <p className={status.ok ? 'notice' : 'form-error'} role="status">
              {status.text}
            </p>
          ) : null}
          <button className="button button--primary" type="submit" data-testid="save-availability">
            Save availability
          </button>
        </form>
      </main>
    </div>
  );
}
