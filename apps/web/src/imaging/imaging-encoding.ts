import type { types } from 'mediasoup-client';

/**
 * The imaging source (ultrasound/endoscope capture, a screen or window with images) is tuned for
 * detail, not motion: one encoding at full resolution (no simulcast: a downscaled layer is
 * useless for diagnosis), a high bitrate ceiling so fine texture survives, and temporal layers
 * (L1T3) so that under congestion the SFU drops frame rate for a weak receiver, never resolution.
 */
export const IMAGING_MAX_BITRATE = 8_000_000;
export const IMAGING_ENCODING: RTCRtpEncodingParameters & { scalabilityMode?: string } = {
  maxBitrate: IMAGING_MAX_BITRATE,
  scalabilityMode: 'L1T3',
  priority: 'high',
  networkPriority: 'high',
};
/** Start high: the default (~300 kbps) would show a blurred first second of a still image. */
export const IMAGING_START_BITRATE_KBPS = 2500;

/**
 * VP9 profile 0 when the router and browser have it: at the same bitrate it keeps markedly more
 * fine detail than VP8 (better intra prediction and transforms, and libvpx's screen-content
 * tools under contentHint 'detail'), it carries temporal layers with a single spatial layer, and
 * every browser we target decodes it in software. H.264 is left out on purpose: browsers encode
 * only constrained baseline in software (no 8×8 transform, no CABAC), the weakest for detail.
 */
export function imagingCodec(device: types.Device): types.RtpCodecCapability | undefined {
  return device.rtpCapabilities.codecs?.find(
    (codec) =>
      codec.mimeType.toLowerCase() === 'video/vp9' && String(codec.parameters?.['profile-id'] ?? '0') === '0',
  );
}

/** Under CPU or bandwidth pressure, lower the frame rate and keep every pixel. */
export async function preferResolution(sender: RTCRtpSender | undefined): Promise<void> {
  if (!sender) return;
  const parameters = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  parameters.degradationPreference = 'maintain-resolution';
  await sender.setParameters(parameters).catch(() => undefined);
}

/** Marks a track as detail content (encoders then favour sharpness over smooth motion). */
export function tuneForDetail(track: MediaStreamTrack): void {
  if ('contentHint' in track) track.contentHint = 'detail';
}
