import type { BedVideoLayer } from './layers';

export const DEJAVU_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/**
 * A label drawtext can print without any escaping: letters, digits and a few punctuation marks
 * (filtergraph and drawtext both give meaning to ' : \ , ; [ ] % and friends). Others become '?'.
 */
export function safeLabel(label: string): string {
  const cleaned = label
    .replace(/[^\p{L}\p{N} ._#()/+-]/gu, '?')
    .trim()
    .slice(0, 40);
  return cleaned.length > 0 ? cleaned : 'bed';
}

export interface FfmpegPlan {
  label: string;
  fps: number;
  /** Lowest layer first. */
  layers: BedVideoLayer[];
  ssrcs: number[];
  payloadType: number;
  /** Where every layer's RTP and RTCP go (the local relay). */
  port: number;
  fontFile?: string;
  /** libvpx -cpu-used: 4..16, higher is cheaper (16 is the fastest realtime setting). */
  vp8Speed?: number;
}

/**
 * One ffmpeg: a test pattern at the top layer's size with the bed label and a UTC clock burnt in,
 * split and scaled to every layer, each encoded as VP8 for realtime and sent as RTP with its own
 * SSRC. rtcpport = the RTP port: sender reports travel on the same port (rtcp-mux).
 */
export function ffmpegArgs(plan: FfmpegPlan): string[] {
  const top = plan.layers[plan.layers.length - 1]!;
  const font = plan.fontFile ?? DEJAVU_FONT;
  const fontSize = Math.max(12, Math.round(top.height / 10));
  const text = (value: string, y: string) =>
    `drawtext=fontfile=${font}:text='${value}':x=(w-tw)/2:y=${y}:fontsize=${fontSize}` +
    `:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=${Math.round(fontSize / 4)}`;
  const n = plan.layers.length;
  const splits = plan.layers.map((_, i) => `[s${i}]`).join('');
  const scales = plan.layers
    .map((layer, i) => (i === n - 1 ? '' : `;[s${i}]scale=${layer.width}:${layer.height}[v${i}]`))
    .join('');
  const graph =
    `[0:v]${text(safeLabel(plan.label), `${Math.round(fontSize / 2)}`)},` +
    `${text('%{gmtime} UTC', `h-th-${Math.round(fontSize / 2)}`)},` +
    `split=${n}${splits}${scales}`;
  const outputs = plan.layers.flatMap((layer, i) => [
    '-map',
    i === n - 1 ? `[s${i}]` : `[v${i}]`,
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    // VP8's speed knob: higher is cheaper; 16 costs ~25% less CPU than 8 on this picture.
    '-cpu-used',
    String(plan.vp8Speed ?? 16),
    '-b:v',
    `${layer.bitrateKbps}k`,
    '-maxrate',
    `${layer.bitrateKbps}k`,
    '-bufsize',
    `${layer.bitrateKbps}k`,
    // A keyframe every 2 s: ffmpeg cannot answer the SFU's PLI, so viewers wait at most this long.
    '-g',
    String(plan.fps * 2),
    '-keyint_min',
    String(plan.fps * 2),
    '-lag-in-frames',
    '0',
    '-auto-alt-ref',
    '0',
    '-error-resilient',
    '1',
    '-threads',
    '1',
    '-pix_fmt',
    'yuv420p',
    '-payload_type',
    String(plan.payloadType),
    '-ssrc',
    String(plan.ssrcs[i]),
    '-f',
    'rtp',
    // connect=1: once the relay's socket is gone (the host died, even by SIGKILL) every send is
    // refused and ffmpeg exits within a frame or two instead of living on as an orphan.
    `rtp://127.0.0.1:${plan.port}?rtcpport=${plan.port}&connect=1&pkt_size=1200`,
  ]);
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${top.width}x${top.height}:rate=${plan.fps}`,
    '-filter_complex',
    graph,
    ...outputs,
  ];
}
