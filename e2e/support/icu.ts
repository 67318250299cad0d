import type { Page } from '@playwright/test';

/** The read-only debug handle the station page installs (apps/web/src/client/station-debug.ts). */
declare global {
  interface Window {
    __station?: {
      focusedBedId: string | null;
      beds(): Array<{
        bedId: string;
        label: string;
        videoTrack: MediaStreamTrack | null;
        samples: { ecg: number; pleth: number; resp: number };
        waveformMessages: number;
        lastLatencyMs: number | null;
      }>;
      getStats(): Promise<RTCStats[]>;
    };
  }
}

export const ADMIN = { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' };
const DEMO_CLINICIAN_EMAIL = 'dr.ada@demo.teleconsult';

async function json<T>(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface EnrolledWard {
  wardId: string;
  beds: Array<{ bedId: string; label: string; deviceToken: string }>;
}

/**
 * What an admin does before a ward goes live: the ward, its beds, a device token per bed, and its
 * staff (the clinicians by e-mail who may watch it; the demo clinician unless told).
 */
export async function enrolWard(
  baseUrl: string,
  name: string,
  beds: number,
  staff: string[] = [DEMO_CLINICIAN_EMAIL],
): Promise<EnrolledWard> {
  const { accessToken } = await json<{ accessToken: string }>(
    baseUrl,
    'POST',
    '/api/auth/login',
    undefined,
    ADMIN,
  );
  const ward = await json<{ id: string }>(baseUrl, 'POST', '/api/icu/wards', accessToken, { name });
  const enrolled: EnrolledWard['beds'] = [];
  for (let i = 1; i <= beds; i += 1) {
    const label = `Bed ${i}`;
    const bed = await json<{ id: string }>(baseUrl, 'POST', `/api/icu/wards/${ward.id}/beds`, accessToken, {
      label,
    });
    const { deviceToken } = await json<{ deviceToken: string }>(
      baseUrl,
      'POST',
      `/api/icu/beds/${bed.id}/device-token`,
      accessToken,
    );
    enrolled.push({ bedId: bed.id, label, deviceToken });
  }
  if (staff.length > 0) {
    const clinicians = await json<Array<{ id: string; email: string }>>(
      baseUrl,
      'GET',
      '/api/admin/clinicians',
      accessToken,
    );
    for (const email of staff) {
      const clinician = clinicians.find((c) => c.email === email);
      if (!clinician) throw new Error(`no clinician ${email}`);
      await json(baseUrl, 'POST', `/api/icu/wards/${ward.id}/staff`, accessToken, { userId: clinician.id });
    }
  }
  return { wardId: ward.id, beds: enrolled };
}

export interface TileMedia {
  bedId: string;
  label: string;
  hasTrack: boolean;
  framesDecoded: number;
  frameWidth: number;
  ecgSamples: number;
  waveformMessages: number;
}

/** Per bed: the station's own counters joined with the browser's inbound-rtp stats for its track. */
export function tileMedia(page: Page): Promise<TileMedia[]> {
  return page.evaluate(async () => {
    const station = window.__station;
    if (!station) return [];
    const stats = await station.getStats();
    return station.beds().map((bed) => {
      const inbound = stats.find(
        (s) =>
          s.type === 'inbound-rtp' &&
          (s as unknown as { trackIdentifier?: string }).trackIdentifier === bed.videoTrack?.id,
      ) as unknown as { framesDecoded?: number; frameWidth?: number } | undefined;
      return {
        bedId: bed.bedId,
        label: bed.label,
        hasTrack: bed.videoTrack !== null,
        framesDecoded: inbound?.framesDecoded ?? 0,
        frameWidth: inbound?.frameWidth ?? 0,
        ecgSamples: bed.samples.ecg,
        waveformMessages: bed.waveformMessages,
      };
    });
  });
}

/** A fingerprint of every ECG strip canvas on the page, to see that the traces move. */
export function stripFingerprints(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="bed-tile"]')].map((tile) => {
      const canvas = tile.querySelector('canvas');
      return canvas ? canvas.toDataURL().slice(-200) : '';
    }),
  );
}
