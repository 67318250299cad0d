import type { BedsideNotification, StationNotification } from '@teleconsult/protocol';
import { type NamespaceClient, connectNamespace } from './namespace-client';
import { DEMO_ADMIN, call, loginDemo } from './rest-client';

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

/** An admin registers a ward with `beds` beds and enrols a device for each. */
export async function createTestWard(url: string, beds: number, name = 'ICU Test'): Promise<TestWard> {
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
  return { adminToken, wardId: ward.body.id, beds: created };
}
