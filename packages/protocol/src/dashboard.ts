import { z } from 'zod';
import type { Ack, ProtocolError } from './errors';
import { type ChatMessage, chatTextSchema } from './chat';
import { type WaitingPatient, denyMessageSchema } from './lobby';

/**
 * The clinician's dashboard socket (namespace `/dashboard`): live waiting rooms across all of the
 * clinician's consults, admitting and turning away, and the private chat with a waiting patient.
 * Requests follow the same rules as the consult namespace: a zod schema each, an `Ack` answer.
 */
const target = { consultId: z.string().uuid(), participantId: z.string().uuid() };

export const dashboardRequestSchemas = {
  'lobby:list': z.object({}),
  'lobby:admit': z.object(target),
  'lobby:deny': z.object({ ...target, message: denyMessageSchema.optional() }),
  'chat:history': z.object(target),
  'chat:send': z.object({ ...target, text: chatTextSchema }),
} as const;

export type DashboardRequestName = keyof typeof dashboardRequestSchemas;
export type DashboardRequestPayload<K extends DashboardRequestName> = z.infer<
  (typeof dashboardRequestSchemas)[K]
>;
export const isDashboardRequestName = (name: string): name is DashboardRequestName =>
  Object.prototype.hasOwnProperty.call(dashboardRequestSchemas, name);

type Empty = Record<string, never>;

export interface DashboardResponseMap {
  'lobby:list': { waiting: WaitingPatient[] };
  'lobby:admit': Empty;
  'lobby:deny': Empty;
  'chat:history': { messages: ChatMessage[] };
  'chat:send': { message: ChatMessage };
}

export type DashboardNotification =
  /** Everyone waiting for any of this clinician's consults; sent on connect and on every change. */
  | { type: 'lobby:changed'; waiting: WaitingPatient[] }
  /** A message in a private thread with a waiting (or admitted) patient of one's consults. */
  | { type: 'chat:message'; message: ChatMessage }
  /** The consults this clinician is invited to changed (an invitation arrived or was withdrawn). */
  | { type: 'invitations:changed' }
  | { type: 'error'; error: ProtocolError };

export type DashboardClientToServerEvents = {
  [K in DashboardRequestName]: (
    payload: DashboardRequestPayload<K>,
    ack: (response: Ack<DashboardResponseMap[K]>) => void,
  ) => void;
};

export interface DashboardServerToClientEvents {
  notification: (notification: DashboardNotification) => void;
}

export const dashboardAuthSchema = z.object({ accessToken: z.string().min(1).max(4096) });
export type DashboardAuth = z.infer<typeof dashboardAuthSchema>;
