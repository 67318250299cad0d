export { type BedVideoLayer, DEFAULT_BED_VIDEO_FPS, DEFAULT_BED_VIDEO_LAYERS } from './layers';
export { APT_HINT, BedVideoError, liveFfmpegCount } from './ffmpeg-process';
export {
  BED_VIDEO_PAYLOAD_TYPE,
  type BedVideo,
  type BedVideoOptions,
  type BedVideoRpc,
  bedVideoRtpParameters,
  startBedVideo,
} from './start-bed-video';
