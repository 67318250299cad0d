import type { AppointmentLink } from '@teleconsult/protocol';

const time = (date: Date) => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const day = (date: Date) => date.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long' });
const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

const when = (date: Date, now: Date) => {
  if (sameDay(date, now)) return `${time(date)} today`;
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  return sameDay(date, tomorrow) ? `${time(date)} tomorrow` : `${time(date)} on ${day(date)}`;
};

const minutes = (ms: number) => {
  const m = Math.round(ms / 60_000);
  return m >= 120 && m % 60 === 0 ? `${m / 60} hours` : m === 1 ? '1 minute' : `${m} minutes`;
};

/** When the patient can use the link, in the viewer's own words and zone. */
export function linkWindowInWords(link: AppointmentLink, startsAt: string, now = new Date()): string {
  const opens = new Date(link.validFrom);
  const closes = new Date(link.expiresAt);
  const start = new Date(startsAt);
  const until = `and stops working at ${when(closes, now)}`;
  if (opens.getTime() <= now.getTime()) return `The link works now ${until}.`;
  const lead = start.getTime() - opens.getTime();
  return `The link opens at ${when(opens, now)}${lead > 0 ? ` — ${minutes(lead)} before the appointment —` : ''} ${until}.`;
}
