import type { BedsideNotification, ClinicianAccount, StationNotification } from '@teleconsult/protocol';
import { type NamespaceClient, connectNamespace } from './namespace-client';
import { DEMO, DEMO_ADMIN, call, loginDemo } from './rest-client';

export type StationClient = NamespaceClient<StationNotification>;
export type BedsideClient = NamespaceClient<BedsideNotification>;

export const connectStation = (url: string, accessToken: string): Promise<StationClient> =>
  connectNamespace<StationNotification>(url, '/station', { accessToken });
export const connectBedside = (url: string, deviceToken: string): Promise<BedsideClient> =>
  connectNamespace<BedsideNotification>(url, '/bedside', { deviceToken });

export interface TestWard {
  adminToken: string;
  wardId: string;
  beds: Array<{ bedId: string; deviceToken: string }>;
}

/** The id of a clinician account, looked up by an admin by e-mail (the demo clinician unless told). */
export async function clinicianId(url: string, adminToken: string, email = DEMO.email): Promise<string> {
  const { body } = await call<ClinicianAccount[]>(url, 'GET', '/api/admin/clinicians', { token: adminToken });
  const account = body.find((a) => a.email === email);
  if (!account) throw new Error(`no clinician ${email}`);
  return account.id;
}

/** An admin puts a clinician on a ward's staff; throws unless it worked. */
export async function assignToWard(url: string, adminToken: string, wardId: string, userId: string) {
  const added = await call(url, 'POST', `/api/icu/wards/${wardId}/staff`, {
    token: adminToken,
    body: { userId },
  });
  if (added.status !== 201) throw new Error(`staff: ${added.status} ${JSON.stringify(added.body)}`);
}

/**
 * An admin registers a ward with `beds` beds, enrols a device for each, and puts the demo clinician
 * on its staff (`staffed: false` leaves it with none).
 */
export async function createTestWard(
  url: string,
  beds: number,
  name = 'ICU Test',
  { staffed = true }: { staffed?: boolean } = {},
): Promise<TestWard> {
  const adminToken = await loginDemo(url, DEMO_ADMIN);
  const ward = await call<{ id: string }>(url, 'POST', '/api/icu/wards', {
    token: adminToken,
    body: { name },
  });
  if (ward.status !== 201) throw new Error(`ward: ${ward.status} ${JSON.stringify(ward.body)}`);
  const created: TestWard['beds'] = [];
  for (let i = 1; i <= beds; i += 1) {
    const bed = await call<{ id: string }>(url, 'POST', `/api/icu/wards/${ward.body.id}/beds`, {
      token: adminToken,
      body: { label: `Bed ${i}` },
    });
    const device = await call<{ deviceToken: string }>(
      url,
      'POST',
      `/api/icu/beds/${bed.body.id}/device-token`,
      {
        token: adminToken,
      },
    );
    created.push({ bedId: bed.body.id, deviceToken: device.body.deviceToken });
  }
  if (staffed) await assignToWard(url, adminToken, ward.body.id, await clinicianId(url, adminToken));
  return { adminToken, wardId: ward.body.id, beds: created };
}
