import { randomInt } from 'node:crypto';
import type { SfuRequestName, SfuRequestPayload, SfuResponseMap } from '@teleconsult/sfu-rpc';
import { ffmpegArgs } from './ffmpeg-args';
import { BedVideoError, checkFfmpeg, runFfmpeg } from './ffmpeg-process';
import {
  type BedVideoLayer,
  DEFAULT_BED_VIDEO_FPS,
  DEFAULT_BED_VIDEO_LAYERS,
  normaliseLayers,
} from './layers';
import { startRtpRelay } from './rtp-relay';

/** The SFU RPC as the api's SfuClientService.request offers it: resolves with the answer or throws. */
export interface BedVideoRpc {
  request<K extends SfuRequestName>(name: K, payload: SfuRequestPayload<K>): Promise<SfuResponseMap[K]>;
}

export interface BedVideoOptions {
  rpc: BedVideoRpc;
  roomId: string;
  peerId: string;
  /** Burnt into the picture, e.g. "ICU-2 Bed 7". */
  label: string;
  /** 1 to 3 layers, in any order; defaults to 160×90 / 320×180 / 640×360. */
  layers?: readonly BedVideoLayer[];
  /**
   * A top layer encoded only while the bed is focused (setFocus(true)), by a second ffmpeg on the
   * same relay: thumbnails cost little, and only the focused bed pays for 640×360. Declared in the
   * producer from the start, as the last encoding; must be larger than every layer.
   */
  focusLayer?: BedVideoLayer;
  fps?: number;
  /** libvpx -cpu-used, 4..16 (default 16, the cheapest); lower buys quality with CPU. */
  vp8Speed?: number;
  ffmpegPath?: string;
  fontFile?: string;
  /** Called if ffmpeg dies on its own (not after stop()), with its last stderr lines. */
  onExit?: (info: { code: number | null; signal: NodeJS.Signals | null; stderr: string }) => void;
}

export interface BedVideo {
  producerId: string;
  transportId: string;
  /** Lowest layer first: encodings[i] of the producer, spatial layer i. */
  ssrcs: number[];
  /** The ffmpeg process id (for CPU accounting). */
  pid: number;
  /** Starts (true) or stops (false) the focus layer's encoder; a no-op without focusLayer. */
  setFocus(on: boolean): Promise<void>;
  /** The focus layer encoder's pid while it runs. */
  focusPid(): number | undefined;
  /** Datagrams relayed to the SFU so far. */
  packetsRelayed(): number;
  /** Kills ffmpeg, closes the relay and the plain transport (and so the producer). Idempotent. */
  stop(): Promise<void>;
}

export const BED_VIDEO_PAYLOAD_TYPE = 101;

/** VP8 simulcast parameters: one SSRC-keyed encoding per layer, lowest first, no feedback (ffmpeg ignores it). */
export function bedVideoRtpParameters(ssrcs: number[], cname: string) {
  return {
    codecs: [{ mimeType: 'video/VP8', payloadType: BED_VIDEO_PAYLOAD_TYPE, clockRate: 90000 }],
    headerExtensions: [],
    encodings: ssrcs.map((ssrc) => ({ ssrc, scalabilityMode: 'L1T1' })),
    rtcp: { cname, reducedSize: false },
  };
}

function distinctSsrcs(count: number): number[] {
  const ssrcs = new Set<number>();
  // ffmpeg's -ssrc is a signed 32-bit option: stay below 2^31.
  while (ssrcs.size < count) ssrcs.add(randomInt(1, 2 ** 31 - 1));
  return [...ssrcs];
}

/**
 * A bed's live camera without a browser: one ffmpeg renders a labelled test pattern with a clock
 * and encodes it as VP8 simulcast into a mediasoup PlainTransport (through a local relay so all
 * layers arrive from one address), then the producer is created with matching SSRCs.
 */
export async function startBedVideo(options: BedVideoOptions): Promise<BedVideo> {
  const { rpc, roomId, peerId, label } = options;
  const layers = normaliseLayers(options.layers ?? DEFAULT_BED_VIDEO_LAYERS);
  const fps = options.fps ?? DEFAULT_BED_VIDEO_FPS;
  if (!Number.isInteger(fps) || fps < 1 || fps > 30) throw new RangeError('fps: an integer from 1 to 30');
  const vp8Speed = options.vp8Speed ?? 16;
  if (!Number.isInteger(vp8Speed) || vp8Speed < 4 || vp8Speed > 16)
    throw new RangeError('vp8Speed: an integer from 4 to 16');
  const ffmpegPath = options.ffmpegPath ?? process.env.BED_VIDEO_FFMPEG ?? 'ffmpeg';
  await checkFfmpeg(ffmpegPath, options.fontFile);

  const focusLayer = options.focusLayer ? normaliseLayers([options.focusLayer])[0] : undefined;
  if (focusLayer && layers.some((l) => l.width * l.height >= focusLayer.width * focusLayer.height))
    throw new RangeError('focusLayer: must be larger than every layer');
  const ssrcs = distinctSsrcs(layers.length + (focusLayer ? 1 : 0));
  await rpc.request('router:ensure', { roomId });
  const transport = await rpc.request('transport:createPlain', { roomId, peerId });
  const closeTransport = () =>
    rpc.request('transport:close', { transportId: transport.transportId }).then(
      () => undefined,
      () => undefined, // already gone with its room or peer
    );
  let relay: Awaited<ReturnType<typeof startRtpRelay>> | undefined;
  let ffmpeg: ReturnType<typeof runFfmpeg> | undefined;
  let stopping = false;
  try {
    // The producer first: the SFU then knows the SSRCs before the first packet arrives.
    const { producerId } = await rpc.request('producer:create', {
      transportId: transport.transportId,
      kind: 'video',
      rtpParameters: bedVideoRtpParameters(ssrcs, `bed-${peerId}`.slice(0, 64)),
      source: 'camera',
    });
    relay = await startRtpRelay(transport);
    ffmpeg = runFfmpeg(
      ffmpegPath,
      ffmpegArgs({
        label,
        fps,
        layers,
        ssrcs: ssrcs.slice(0, layers.length),
        payloadType: BED_VIDEO_PAYLOAD_TYPE,
        port: relay.port,
        vp8Speed,
        ...(options.fontFile ? { fontFile: options.fontFile } : {}),
      }),
    );
    const run = ffmpeg;
    const activeRelay = relay;
    await new Promise<void>((resolve, reject) => {
      run.child.once('spawn', resolve);
      run.child.once('error', (error) => reject(new BedVideoError(`ffmpeg did not start: ${error.message}`)));
    });
    // Fail here, with ffmpeg's own words, rather than hand back a producer that never gets a packet.
    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([
      run.exited,
      activeRelay.firstPacket.then(() => undefined),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 10_000))),
    ]);
    clearTimeout(timer);
    if (early)
      throw new BedVideoError(`ffmpeg exited (${early.code ?? early.signal}): ${early.stderr.trim()}`);
    void run.exited.then((info) => {
      if (stopping) return;
      void focus?.stop();
      activeRelay.close();
      void closeTransport();
      options.onExit?.(info);
    });
    let stopped: Promise<void> | undefined;
    let focus: ReturnType<typeof runFfmpeg> | undefined;
    const setFocus = async (on: boolean) => {
      if (!focusLayer || stopping) return;
      if (!on) {
        const running = focus;
        focus = undefined;
        await running?.stop();
        return;
      }
      if (focus && focus.child.exitCode === null && focus.child.signalCode === null) return;
      focus = runFfmpeg(
        ffmpegPath,
        ffmpegArgs({
          label,
          fps,
          layers: [focusLayer],
          ssrcs: [ssrcs[layers.length]!],
          payloadType: BED_VIDEO_PAYLOAD_TYPE,
          port: activeRelay.port,
          vp8Speed,
          ...(options.fontFile ? { fontFile: options.fontFile } : {}),
        }),
      );
    };
    return {
      producerId,
      transportId: transport.transportId,
      ssrcs,
      pid: run.child.pid!,
      setFocus,
      focusPid: () => focus?.child.pid,
      packetsRelayed: () => activeRelay.forwarded(),
      stop: () => {
        stopping = true;
        stopped ??= (async () => {
          await Promise.all([run.stop(), focus?.stop()]);
          activeRelay.close();
          await closeTransport();
        })();
        return stopped;
      },
    };
  } catch (error) {
    stopping = true;
    await ffmpeg?.stop();
    relay?.close();
    await closeTransport();
    throw error;
  }
}
