import type { AppointmentStatus } from '@teleconsult/protocol';

/** A time in the viewer's own zone, e.g. "14:20". */
export const localTime = (iso: string, timeZone?: string) =>
  new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  });

export const localDay = (date: Date) =>
  date.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long' });

/** [start of the local day, start of the next) for a date. */
export function dayRange(date: Date): [Date, Date] {
  const start = new Date(date);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return [start, end];
}

export const STATUS_TEXT: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** Downloads an authenticated file (the .ics needs the bearer token, so a plain link cannot fetch it). */
export async function downloadWithToken(path: string, token: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`download failed (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  const anchor = Object.assign(document.createElement('a'), { href: url, download: filename });
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
