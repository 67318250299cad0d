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
/** Data-channel label and sub-protocol, e.g. "ecg-ii" / "teleconsult.waveform.v1". */
const channelName = z.string().max(64).regex(/^[\w.:-]*$/, 'letters, digits and . : _ - only');
/** SCTP stream of a browser's DataProducer: a reliable one, or one dropping late messages. */
export const sctpStreamParametersSchema = z
  .object({
    streamId: z.number().int().min(0).max(65534),
    ordered: z.boolean().optional(),
    maxPacketLifeTime: z.number().int().min(0).max(60_000).optional(),
    maxRetransmits: z.number().int().min(0).max(100).optional(),
  })
  .refine((p) => p.maxPacketLifeTime === undefined || p.maxRetransmits === undefined, {
    message: 'give maxPacketLifeTime or maxRetransmits, not both',
    path: ['maxRetransmits'],
  });
/** Largest message through a data channel here (a second of 250 Hz ECG as JSON is ~3 kB). */
export const MAX_DATA_MESSAGE_BYTES = 64 * 1024;
const peerId = z.string().min(1).max(64);

export const sfuRequestSchemas = {
  'router:ensure': z.object({ roomId }),
  'router:close': z.object({ roomId }),
  'transport:create': z.object({
    roomId,
    peerId,
    direction: transportDirectionSchema,
    /** Open SCTP for data channels on this transport (waveforms, telemetry). */
    enableSctp: z.boolean().optional(),
  }),
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
  /** A data producer fed by a browser over SCTP. */
  'dataProducer:create': z.object({
    transportId: handleIdSchema,
    sctpStreamParameters: sctpStreamParametersSchema,
    label: channelName,
    protocol: channelName,
  }),
  /** A data producer fed by the api itself (headless bedside units), over this RPC. */
  'dataProducer:createDirect': z.object({ roomId, peerId, label: channelName, protocol: channelName }),
  'dataProducer:send': z.object({ dataProducerId: handleIdSchema, message: z.string().max(MAX_DATA_MESSAGE_BYTES) }),
  'dataProducer:close': z.object({ dataProducerId: handleIdSchema }),
  /**
   * A receiver's data consumer. ordered:false with maxRetransmits:0 suits waveforms (a late sample
   * is worthless); leave both out for a reliable, ordered channel (numerics, alarms).
   */
  'dataConsumer:create': z.object({
    transportId: handleIdSchema,
    dataProducerId: handleIdSchema,
    ordered: z.boolean().optional(),
    maxRetransmits: z.number().int().min(0).max(100).optional(),
  }),
  'dataConsumer:close': z.object({ dataConsumerId: handleIdSchema }),
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
    /** Present when SCTP was enabled. */
    sctpParameters?: { port: number; OS: number; MIS: number; maxMessageSize: number };
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
  'dataProducer:create': { dataProducerId: string };
  'dataProducer:createDirect': { dataProducerId: string };
  'dataProducer:send': Empty;
  'dataProducer:close': Empty;
  'dataConsumer:create': {
    dataConsumerId: string;
    dataProducerId: string;
    label: string;
    protocol: string;
    sctpStreamParameters: { streamId: number; ordered?: boolean; maxPacketLifeTime?: number; maxRetransmits?: number };
  };
  'dataConsumer:close': Empty;
  'peer:close': Empty;
  'sfu:status': { workers: WorkerStatus[] };
}

/** SFU → api notifications, a discriminated union on `type`. */
export type SfuNotification =
  /** The room's dominant speaker changed (mediasoup ActiveSpeakerObserver over microphone producers). */
  | { type: 'room:activeSpeaker'; roomId: string; peerId: string; producerId: string }
  /** A worker died; its routers are gone. The api tells the room's clients to rejoin. */
  | { type: 'room:mediaReset'; roomId: string; reason: string }
  | { type: 'producer:closed'; roomId: string; producerId: string; reason: string }
  | { type: 'consumer:closed'; roomId: string; peerId: string; consumerId: string; reason: string }
  | { type: 'consumer:producerPaused'; roomId: string; peerId: string; consumerId: string }
  | { type: 'dataConsumer:closed'; roomId: string; peerId: string; dataConsumerId: string; reason: string }
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
