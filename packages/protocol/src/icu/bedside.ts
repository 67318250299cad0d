import { z } from 'zod';
import { vitalSampleSchema } from '@teleconsult/clinical';
import type { NumericVital } from '@teleconsult/clinical';
import type { Ack, ProtocolError } from '../errors';
import { handleIdSchema, rtpParametersSchema } from '../media';
import { waveformBlockSchema } from './waveform';
import { handoverSchema } from './wards';

/**
 * The bedside namespace (`/bedside`): a bedside unit (tablet page or headless publisher) bound to
 * one bed by its device token. It reports numerics reliably (acknowledged, persisted, fed to the
 * alarm engine), streams waveform blocks (relayed into the SFU for stations, never stored), and
 * publishes its camera through a plain RTP transport the api opens for it in the bed's ward room.
 */
export const bedsideAuthSchema = z.object({ deviceToken: z.string().min(16).max(256) });
export type BedsideAuth = z.infer<typeof bedsideAuthSchema>;

export const bedsideRequestSchemas = {
  /** One set of numerics. `bedId` must be the token's bed. */
  'vitals:report': vitalSampleSchema,
  /** A waveform block; the ack is optional (send without one for the lowest latency). */
  'waveform:block': waveformBlockSchema,
  /** Opens (or reopens) the bed camera's plain RTP transport in the ward's room. */
  'video:open': z.object({}),
  /** The camera's producer on that transport (VP8 simulcast, one encoding per layer). */
  'video:produce': z.object({ transportId: handleIdSchema, rtpParameters: rtpParametersSchema }),
  'video:close': z.object({ transportId: handleIdSchema }),
  /** Ambulances: the pre-arrival handover and estimated arrival. */
  'handover:update': handoverSchema,
} as const;

export type BedsideRequestName = keyof typeof bedsideRequestSchemas;
export type BedsideRequestPayload<K extends BedsideRequestName> = z.infer<(typeof bedsideRequestSchemas)[K]>;
export const isBedsideRequestName = (name: string): name is BedsideRequestName =>
  Object.prototype.hasOwnProperty.call(bedsideRequestSchemas, name);

type Empty = Record<string, never>;

export interface BedsideResponseMap {
  /** Parameters kept but flagged as artefacts (they raise no clinical alarm). */
  'vitals:report': { artefacts: NumericVital[] };
  'waveform:block': Empty;
  'video:open': { transportId: string; ip: string; port: number; roomId: string; peerId: string };
  'video:produce': { producerId: string };
  'video:close': Empty;
  'handover:update': Empty;
}

/** Sent once on connect: who this device is. */
export interface BedsideWelcome {
  bedId: string;
  wardId: string;
  label: string;
  kind: 'bed' | 'ambulance';
}

export type BedsideNotification =
  | { type: 'welcome'; bed: BedsideWelcome }
  /** A station focused (true) or left (false) this bed: encode the high video layer, or stop. */
  | { type: 'video:focus'; on: boolean }
  | { type: 'error'; error: ProtocolError };

export type BedsideClientToServerEvents = {
  [K in BedsideRequestName]: (
    payload: BedsideRequestPayload<K>,
    ack?: (response: Ack<BedsideResponseMap[K]>) => void,
  ) => void;
};

export interface BedsideServerToClientEvents {
  notification: (notification: BedsideNotification) => void;
}
