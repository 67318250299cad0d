import type { DashboardNotification, JoinResult, WaitingResult } from '@teleconsult/protocol';
import { type NamespaceClient, connectNamespace } from './namespace-client';
import type { SignalClient } from './signal-client';

export type DashboardClient = NamespaceClient<DashboardNotification>;

/** A real socket.io client on the clinician's dashboard namespace. */
export const connectDashboard = (url: string, auth: unknown): Promise<DashboardClient> =>
  connectNamespace<DashboardNotification>(url, '/dashboard', auth);

/** A patient's join: into the waiting room, admitted from the dashboard, then into the room. */
export async function joinAdmitted(
  url: string,
  accessToken: string,
  consultId: string,
  patient: SignalClient,
  displayName = 'Pat Example',
): Promise<JoinResult> {
  const first = await patient.request('room:join', { displayName });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  const waiting = first.data as unknown as WaitingResult | JoinResult;
  if (waiting.status === 'joined') return waiting;
  const dashboard = await connectDashboard(url, { accessToken });
  try {
    const admitted = await dashboard.request('lobby:admit', {
      consultId,
      participantId: waiting.participantId,
    });
    if (!admitted.ok) throw new Error(JSON.stringify(admitted.error));
  } finally {
    dashboard.close();
  }
  await patient.next('lobby:admitted');
  const second = await patient.request('room:join', { displayName });
  if (!second.ok) throw new Error(JSON.stringify(second.error));
  return second.data as unknown as JoinResult;
}
