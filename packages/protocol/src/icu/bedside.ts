import { z } from 'zod';
import { vitalSampleSchema } from '@teleconsult/clinical';
import type { NumericVital } from '@teleconsult/clinical';
import type { Ack, ProtocolError } from '../errors';
import {
  type RtpCapabilities,
  dtlsParametersSchema,
  handleIdSchema,
  mediaKindSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  transportDirectionSchema,
} from '../media';
import type { ConsumerOptions, TransportOptions } from '../signalling';
import { waveformBlockSchema } from './waveform';
import { handoverSchema } from './wards';

/**
 * The bedside namespace (`/bedside`): a bedside unit (tablet page or headless publisher) bound to
 * one bed by its device token. It reports numerics reliably (acknowledged, persisted, fed to the
 * alarm engine), streams waveform blocks (relayed into the SFU for stations, never stored), and
 * publishes its camera through a plain RTP transport the api opens for it in the bed's ward room
 * (headless units) or over WebRTC (a tablet page). Talk-down: while a station talks to the bed, the
 * device consumes that station's microphone (WebRTC, or a plain RTP transport for headless units)
 * and its own microphone is forwarded to that station only.
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
  /** WebRTC bedside units (a tablet page): the ward room's router capabilities. */
  'media:capabilities': z.object({}),
  /** A WebRTC transport in the ward's room: send (camera, microphone) or recv (talk-down audio). */
  'transport:create': z.object({ direction: transportDirectionSchema }),
  'transport:connect': z.object({ transportId: handleIdSchema, dtlsParameters: dtlsParametersSchema }),
  /** Closes one of the device's transports (and what it produced or consumed), e.g. before a rebuild. */
  'transport:close': z.object({ transportId: handleIdSchema }),
  /**
   * A receive-only plain RTP transport for talk-down audio (headless units). Comedia: the SFU sends
   * to wherever the first packet from the device comes from, so send one RTCP packet to it first.
   */
  'transport:createPlain': z.object({}),
  /** The bed's camera (one per bed, as `video:produce`) or its microphone (heard only during talk-down). */
  'producer:create': z.object({
    transportId: handleIdSchema,
    kind: mediaKindSchema,
    rtpParameters: rtpParametersSchema,
    source: z.enum(['camera', 'microphone']),
  }),
  'producer:close': z.object({ producerId: handleIdSchema }),
  /** Only the talk-down producer announced by `talk:incoming`. */
  'consumer:create': z.object({
    transportId: handleIdSchema,
    producerId: handleIdSchema,
    rtpCapabilities: rtpCapabilitiesSchema,
  }),
  'consumer:resume': z.object({ consumerId: handleIdSchema }),
  'consumer:close': z.object({ consumerId: handleIdSchema }),
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
  'media:capabilities': { rtpCapabilities: RtpCapabilities };
  'transport:create': TransportOptions;
  'transport:connect': Empty;
  'transport:close': Empty;
  'transport:createPlain': { transportId: string; ip: string; port: number };
  'producer:create': { producerId: string };
  'producer:close': Empty;
  'consumer:create': ConsumerOptions;
  'consumer:resume': Empty;
  'consumer:close': Empty;
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
  /** A clinician at a station started talking to this bed: consume `producerId` and play it. */
  | { type: 'talk:incoming'; producerId: string; clinician: string }
  /** That talk-down ended (the station stopped, left, or the producer closed). */
  | { type: 'talk:ended'; producerId: string }
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
