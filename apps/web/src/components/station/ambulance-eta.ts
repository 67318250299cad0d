/** The ambulance's arrival as the board counts it down: "in 7:05", "due now", "3 min late". */
export function formatEta(eta: number, now: number): { text: string; state: 'en-route' | 'due' | 'late' } {
  const seconds = Math.round((eta - now) / 1000);
  if (seconds > 30) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return { text: `in ${m}:${String(s).padStart(2, '0')}`, state: 'en-route' };
  }
  if (seconds >= -60) return { text: 'due now', state: 'due' };
  return { text: `${Math.floor(-seconds / 60)} min late`, state: 'late' };
}

/** Clock time of the ETA, in the station's zone. */
export const etaClock = (eta: number): string =>
  new Date(eta).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
