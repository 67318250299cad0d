import { z } from 'zod';
import type { Ack, ProtocolError } from './errors';
import {
  type ConsumerType,
  type DtlsParameters,
  type IceCandidate,
  type IceParameters,
  type MediaKind,
  type MediaSource,
  type RtpCapabilities,
  type RtpParameters,
  dtlsParametersSchema,
  handleIdSchema,
  mediaKindSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  transportDirectionSchema,
} from './media';
import { type ChatMessage, chatTextSchema } from './chat';
import { type WaitingPatient, denyMessageSchema, deviceCheckSchema } from './lobby';
import { type PeerInfo, type ProducerInfo, displayNameSchema } from './peers';
import { type ViewerNotification, type ViewerResponseMap, viewerRequestSchemas } from './viewer';

/**
 * Client → server requests. Each has a zod schema for its payload and a response type; the
 * server answers every request through the socket.io acknowledgement with an `Ack`.
 */
export const requestSchemas = {
  /** A patient not yet admitted enters the waiting room; the ack says which. */
  'room:join': z.object({ displayName: displayNameSchema, deviceCheck: deviceCheckSchema.optional() }),
  'room:leave': z.object({}),
  'transport:create': z.object({ direction: transportDirectionSchema }),
  'transport:connect': z.object({ transportId: handleIdSchema, dtlsParameters: dtlsParametersSchema }),
  'transport:restartIce': z.object({ transportId: handleIdSchema }),
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
  /** Clinicians only: let a waiting patient into the consult. */
  'lobby:admit': z.object({ participantId: z.string().uuid() }),
  /** Clinicians only: turn a waiting patient away, optionally saying why. */
  'lobby:deny': z.object({ participantId: z.string().uuid(), message: denyMessageSchema.optional() }),
  /**
   * To everyone admitted, or (clinicians only) privately to one patient by participant id. A
   * waiting patient's messages always go to their private thread with the clinician.
   */
  'chat:send': z.object({ text: chatTextSchema, privateTo: z.string().uuid().optional() }),
  ...viewerRequestSchemas,
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestPayload<K extends RequestName> = z.infer<(typeof requestSchemas)[K]>;
export const requestNames = Object.keys(requestSchemas) as RequestName[];
export const isRequestName = (name: string): name is RequestName =>
  Object.prototype.hasOwnProperty.call(requestSchemas, name);

export interface JoinResult {
  status: 'joined';
  /** This participant's lasting id in the consult (the same across reconnects). */
  participantId: string;
  /** Chat so far: the room's messages and this participant's private thread. */
  chat: ChatMessage[];
  self: PeerInfo;
  peers: PeerInfo[];
  producers: ProducerInfo[];
  routerRtpCapabilities: RtpCapabilities;
}

/** Not admitted yet: nothing about the room or its people, only one's own waiting state. */
export interface WaitingResult {
  status: 'waiting';
  participantId: string;
  waitingSince: string;
  chat: ChatMessage[];
}

export interface TransportOptions {
  transportId: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export interface ConsumerOptions {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  type: ConsumerType;
  producerPaused: boolean;
}

type Empty = Record<string, never>;

export interface ResponseMap extends ViewerResponseMap {
  'room:join': JoinResult | WaitingResult;
  'room:leave': Empty;
  'transport:create': TransportOptions;
  'transport:connect': Empty;
  'transport:restartIce': { iceParameters: IceParameters };
  'producer:create': { producerId: string };
  'producer:pause': Empty;
  'producer:resume': Empty;
  'producer:close': Empty;
  'consumer:create': ConsumerOptions;
  'consumer:resume': Empty;
  'consumer:setPreferredLayers': Empty;
  'lobby:admit': Empty;
  'lobby:deny': Empty;
  'chat:send': { message: ChatMessage };
}

/** Server → client notifications: one event, a discriminated union on `type`. */
export type Notification =
  | { type: 'peer:joined'; peer: PeerInfo }
  | { type: 'peer:left'; peerId: string }
  | { type: 'producer:added'; producer: ProducerInfo }
  | { type: 'producer:paused'; producerId: string }
  | { type: 'producer:resumed'; producerId: string }
  | { type: 'producer:closed'; producerId: string }
  | { type: 'consumer:closed'; consumerId: string }
  | {
      type: 'consumer:layersChanged';
      consumerId: string;
      spatialLayer: number | null;
      temporalLayer: number | null;
    }
  /** The SFU lost the worker that carried this room: rejoin to get media back. */
  | { type: 'room:mediaReset'; reason: string }
  | { type: 'room:closed'; reason: string }
  /** To a waiting patient: the clinician let them in; join again to enter the room. */
  | { type: 'lobby:admitted' }
  /** To clinicians in the consult: who is waiting for it now. */
  | { type: 'lobby:changed'; waiting: WaitingPatient[] }
  | { type: 'chat:message'; message: ChatMessage }
  | ViewerNotification
  /** The peer speaking now (the SFU's dominant speaker), for the room's highlight. */
  | { type: 'room:activeSpeaker'; peerId: string }
  /**
   * A message the server could not answer through an acknowledgement (e.g. an unknown event), or
   * a verdict about this connection (ADMISSION_DENIED, after which the server disconnects it).
   */
  | { type: 'error'; error: ProtocolError };

export type NotificationType = Notification['type'];

export type ClientToServerEvents = {
  [K in RequestName]: (payload: RequestPayload<K>, ack: (response: Ack<ResponseMap[K]>) => void) => void;
};

export interface ServerToClientEvents {
  notification: (notification: Notification) => void;
}

/** What the client sends in the socket.io handshake `auth` field. */
export const socketAuthSchema = z.union([
  z.object({
    kind: z.literal('clinician'),
    accessToken: z.string().min(1).max(4096),
    consultId: z.string().uuid(),
  }),
  z.object({ kind: z.literal('patient'), joinToken: z.string().min(16).max(256) }),
]);
export type SocketAuth = z.infer<typeof socketAuthSchema>;
