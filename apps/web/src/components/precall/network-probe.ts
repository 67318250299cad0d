import { NETWORK_TEST_MAX_BYTES } from '@teleconsult/protocol';
import { median, uplinkKbps } from './precall-verdict';

const PINGS = 5;
/** Big enough to time on a phone link, well under the server's limit. */
const UPLOAD_BYTES = Math.min(256 * 1024, NETWORK_TEST_MAX_BYTES);

export interface NetworkResult {
  rttMs: number | null;
  uplinkKbps: number | null;
}

/** Round trip (median of a few pings) and uplink (one timed upload) against the api, via the patient's link. */
export async function probeNetwork(
  token: string,
  fetchImpl: typeof fetch = fetch,
  now: () => number = () => performance.now(),
): Promise<NetworkResult> {
  const base = `/api/join/${encodeURIComponent(token)}/network-test`;
  const samples: number[] = [];
  for (let i = 0; i < PINGS; i += 1) {
    const started = now();
    const response = await fetchImpl(`${base}/ping`, { cache: 'no-store' }).catch(() => null);
    if (response?.ok) samples.push(now() - started);
  }
  // The first request also opens the connection; drop it when there are others.
  const rttMs = median(samples.length > 1 ? samples.slice(1) : samples);
  const started = now();
  const upload = await fetchImpl(`${base}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(UPLOAD_BYTES),
  }).catch(() => null);
  const elapsed = now() - started;
  return {
    rttMs: rttMs === null ? null : Math.round(rttMs),
    uplinkKbps: upload?.ok ? uplinkKbps(UPLOAD_BYTES, elapsed, rttMs) : null,
  };
}
