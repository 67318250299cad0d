import type { types } from 'mediasoup';

/**
 * Router codecs, in consumer preference order. Opus for voice (stereo-capable, what every
 * browser sends). VP8 first for video because every browser encodes it with simulcast, which
 * the camera's three layers need for patients on poor networks. VP9 profile 0 (the profile
 * every VP9 decoder has) for browsers that prefer it and for SVC. H.264 constrained baseline
 * 3.1 with packetization-mode 1, the profile phones and ambulance units encode in hardware,
 * so a peer that can only send H.264 still finds a match.
 */
export const mediaCodecs: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/VP9',
    clockRate: 90000,
    parameters: { 'profile-id': 0, 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

const ABS_CAPTURE_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time';

/**
 * The router's capabilities as offered to clients: everything but the abs-capture-time header
 * extension. With it negotiated, mediasoup 3.27.1 times each simulcast layer from that
 * extension, and a viewer whose timestamp-reference layer stops (a browser drops its top camera
 * layer under CPU or uplink pressure, which happens as soon as a full-resolution imaging stream
 * starts beside it) never switched to the layers still arriving: the camera froze for good. With
 * RTCP Sender Reports as the timing source (the extension not negotiated) it falls back to the
 * next layer. Seen in e2e/tests/imaging-stream.e2e.ts: 3 frozen cameras in 7 runs with the
 * extension, none in 6 without; `apps/sfu/test/sfu-rpc.spec.ts` checks the fallback.
 */
export function capabilitiesForClients(capabilities: types.RtpCapabilities): types.RtpCapabilities {
  return {
    ...capabilities,
    headerExtensions: (capabilities.headerExtensions ?? []).filter((ext) => ext.uri !== ABS_CAPTURE_TIME),
  };
}
