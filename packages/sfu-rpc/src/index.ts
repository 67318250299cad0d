import { z } from 'zod';
import {
  type Ack,
  type ConsumerType,
  type DtlsParameters,
  type IceCandidate,
  type IceParameters,
  type MediaKind,
  type RtpCapabilities,
  type RtpParameters,
  dtlsParametersSchema,
  handleIdSchema,
  mediaKindSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  transportDirectionSchema,
} from '@teleconsult/protocol';

/**
 * The api ↔ SFU contract. The SFU knows rooms and peers only as opaque ids; it never sees who a
 * patient is. Every call is authenticated by the shared secret in the socket.io handshake.
 */

const roomId = z.string().min(1).max(64);
const peerId = z.string().min(1).max(64);

export const sfuRequestSchemas = {
  'router:ensure': z.object({ roomId }),
  'router:close': z.object({ roomId }),
  'transport:create': z.object({ roomId, peerId, direction: transportDirectionSchema }),
  /** A plain RTP transport for headless publishers (bedside units, tests); comedia learns the sender. */
  'transport:createPlain': z.object({ roomId, peerId }),
  'transport:connect': z.object({ transportId: handleIdSchema, dtlsParameters: dtlsParametersSchema }),
  'transport:restartIce': z.object({ transportId: handleIdSchema }),
  'transport:close': z.object({ transportId: handleIdSchema }),
  'producer:create': z.object({
    transportId: handleIdSchema,
    kind: mediaKindSchema,
    rtpParameters: rtpParametersSchema,
    source: mediaSourceSchema,
  }),
  'producer:pause': z.object({ producerId: handleIdSchema }),
  'producer:resume': z.object({ producerId: handleIdSchema }),
  'producer:close': z.object({ producerId: handleIdSchema }),
  'consumer:create': z.object({
    transportId: handleIdSchema,
    producerId: handleIdSchema,
    rtpCapabilities: rtpCapabilitiesSchema,
  }),
  'consumer:resume': z.object({ consumerId: handleIdSchema }),
  'consumer:setPreferredLayers': z.object({
    consumerId: handleIdSchema,
    spatialLayer: z.number().int().min(0).max(3),
    temporalLayer: z.number().int().min(0).max(3).optional(),
  }),
  'consumer:close': z.object({ consumerId: handleIdSchema }),
  'peer:close': z.object({ roomId, peerId }),
  'sfu:status': z.object({}),
} as const;

export type SfuRequestName = keyof typeof sfuRequestSchemas;
export type SfuRequestPayload<K extends SfuRequestName> = z.infer<(typeof sfuRequestSchemas)[K]>;
export const isSfuRequestName = (name: string): name is SfuRequestName =>
  Object.prototype.hasOwnProperty.call(sfuRequestSchemas, name);

export interface WorkerStatus {
  index: number;
  pid: number;
  routers: number;
  transports: number;
  webRtcServer: { udpPort: number; tcpPort: number };
}

type Empty = Record<string, never>;

export interface SfuResponseMap {
  'router:ensure': { rtpCapabilities: RtpCapabilities; workerPid: number };
  'router:close': Empty;
  'transport:create': {
    transportId: string;
    iceParameters: IceParameters;
    iceCandidates: IceCandidate[];
    dtlsParameters: DtlsParameters;
  };
  'transport:createPlain': { transportId: string; ip: string; port: number };
  'transport:connect': Empty;
  'transport:restartIce': { iceParameters: IceParameters };
  'transport:close': Empty;
  'producer:create': { producerId: string };
  'producer:pause': Empty;
  'producer:resume': Empty;
  'producer:close': Empty;
  'consumer:create': {
    consumerId: string;
    producerId: string;
    kind: MediaKind;
    rtpParameters: RtpParameters;
    type: ConsumerType;
    producerPaused: boolean;
  };
  'consumer:resume': Empty;
  'consumer:setPreferredLayers': Empty;
  'consumer:close': Empty;
  'peer:close': Empty;
  'sfu:status': { workers: WorkerStatus[] };
}

/** SFU → api notifications, a discriminated union on `type`. */
export type SfuNotification =
  /** A worker died; its routers are gone. The api tells the room's clients to rejoin. */
  | { type: 'room:mediaReset'; roomId: string; reason: string }
  | { type: 'producer:closed'; roomId: string; producerId: string; reason: string }
  | { type: 'consumer:closed'; roomId: string; peerId: string; consumerId: string; reason: string }
  | { type: 'consumer:producerPaused'; roomId: string; peerId: string; consumerId: string }
  | { type: 'consumer:producerResumed'; roomId: string; peerId: string; consumerId: string }
  | {
      type: 'consumer:layersChanged';
      roomId: string;
      peerId: string;
      consumerId: string;
      spatialLayer: number | null;
      temporalLayer: number | null;
    };

export type SfuClientToServerEvents = {
  [K in SfuRequestName]: (payload: SfuRequestPayload<K>, ack: (response: Ack<SfuResponseMap[K]>) => void) => void;
};

export interface SfuServerToClientEvents {
  notification: (notification: SfuNotification) => void;
}

/** Handshake auth of the api's connection; the secret is compared in constant time. */
export interface SfuHandshakeAuth {
  secret: string;
}
