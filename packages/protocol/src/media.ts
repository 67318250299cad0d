import { z } from 'zod';

/**
 * Structural schemas of the mediasoup parameters that cross the wire. They reject malformed input
 * (wrong types, out-of-range payload types, missing codecs) before it reaches the SFU; mediasoup
 * still makes the final semantic check against the router's capabilities.
 */

export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** Ids of transports, producers and consumers (mediasoup uses UUIDs). */
export const handleIdSchema = z.string().min(1).max(64);
const mimeType = z.string().regex(/^(audio|video)\/[A-Za-z0-9.+-]{1,32}$/, 'must look like "video/VP8"');
const payloadType = z.number().int().min(0).max(127);
const ssrc = z.number().int().min(0).max(0xffffffff);
const codecParameters = z.record(z.string().max(64), z.union([z.string().max(512), z.number()]));
const rtcpFeedback = z.array(z.object({ type: z.string().max(32), parameter: z.string().max(32).optional() })).max(16);

export const rtpCodecParametersSchema = z.object({
  mimeType,
  payloadType,
  clockRate: z.number().int().positive().max(200_000),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: rtcpFeedback.optional(),
});

export const rtpHeaderExtensionParametersSchema = z.object({
  uri: z.string().min(1).max(256),
  id: z.number().int().min(1).max(255),
  encrypt: z.boolean().optional(),
  parameters: codecParameters.optional(),
});

export const rtpEncodingParametersSchema = z.object({
  ssrc: ssrc.optional(),
  rid: z.string().max(16).optional(),
  codecPayloadType: payloadType.optional(),
  rtx: z.object({ ssrc }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  scaleResolutionDownBy: z.number().min(1).max(64).optional(),
  maxBitrate: z.number().int().positive().optional(),
  maxFramerate: z.number().positive().max(240).optional(),
  adaptivePtime: z.boolean().optional(),
  priority: z.enum(['very-low', 'low', 'medium', 'high']).optional(),
  networkPriority: z.enum(['very-low', 'low', 'medium', 'high']).optional(),
  active: z.boolean().optional(),
});

export const rtpParametersSchema = z.object({
  mid: z.string().max(32).optional(),
  codecs: z.array(rtpCodecParametersSchema).min(1).max(32),
  headerExtensions: z.array(rtpHeaderExtensionParametersSchema).max(32).optional(),
  encodings: z.array(rtpEncodingParametersSchema).max(4).optional(),
  rtcp: z
    .object({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() })
    .optional(),
  msid: z.string().max(256).optional(),
});
export type RtpParameters = z.infer<typeof rtpParametersSchema>;

export const rtpCapabilitiesSchema = z.object({
  codecs: z
    .array(
      z.object({
        kind: mediaKindSchema,
        mimeType,
        preferredPayloadType: payloadType.optional(),
        clockRate: z.number().int().positive().max(200_000),
        channels: z.number().int().min(1).max(8).optional(),
        parameters: codecParameters.optional(),
        rtcpFeedback: rtcpFeedback.optional(),
      }),
    )
    .max(64)
    .optional(),
  headerExtensions: z
    .array(
      z.object({
        kind: mediaKindSchema,
        uri: z.string().min(1).max(256),
        preferredId: z.number().int().min(1).max(255),
        preferredEncrypt: z.boolean().optional(),
        direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
      }),
    )
    .max(64)
    .optional(),
});
export type RtpCapabilities = z.infer<typeof rtpCapabilitiesSchema>;

export const dtlsParametersSchema = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().regex(/^([0-9A-Fa-f]{2}:)+[0-9A-Fa-f]{2}$/, 'must be a colon-separated hex fingerprint'),
      }),
    )
    .min(1)
    .max(8),
});
export type DtlsParameters = z.infer<typeof dtlsParametersSchema>;

export const iceParametersSchema = z.object({
  usernameFragment: z.string(),
  password: z.string(),
  iceLite: z.boolean().optional(),
});
export type IceParameters = z.infer<typeof iceParametersSchema>;

export const iceCandidateSchema = z.object({
  foundation: z.string(),
  priority: z.number(),
  address: z.string(),
  ip: z.string().optional(),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number().int(),
  type: z.enum(['host', 'srflx', 'prflx', 'relay']),
  tcpType: z.enum(['passive', 'active', 'so']).optional(),
});
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

export const sctpParametersSchema = z.object({
  port: z.number().int(),
  OS: z.number().int(),
  MIS: z.number().int(),
  maxMessageSize: z.number().int(),
});

/** What a participant publishes; imaging is tuned for detail rather than motion. */
export const mediaSourceSchema = z.enum(['microphone', 'camera', 'screen', 'imaging']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export const transportDirectionSchema = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof transportDirectionSchema>;

export const consumerTypeSchema = z.enum(['simple', 'simulcast', 'svc', 'pipe']);
export type ConsumerType = z.infer<typeof consumerTypeSchema>;
