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
