import { type NumericVital, type VitalSample, WaveformSynth } from '@teleconsult/clinical';
import type { BedsideWelcome, ProtocolError, WaveformBlockMessage } from '@teleconsult/protocol';
import type { BedVideo, BedVideoLayer } from '@teleconsult/sfu';
import { io } from 'socket.io-client';
import { type BedsideSocket, BedsideRequestError, bedsideRequester } from './bedside/bedside-request';
import { handoverFor } from './ambulance/handover';
import { createLogger, type Logger } from './logger';
import { runScenario, toVitalSample } from './scenarios/run-scenario';
import type { BedState, ScenarioName } from './scenarios/scenario-types';
import { type TalkCounters, TalkListener } from './talk/talk-listener';
import { createSocketVideoRpc } from './video/socket-video-rpc';

/**
 * Every channel has a whole number of samples only in multiples of 40 ms (250, 125 and 25 Hz), and
 * the protocol's `t` is the first sample of every channel: so blocks are 40, 80, 120... ms long.
 */
export const WAVEFORM_BLOCK_QUANTUM_MS = 40;
const HANDOVER_EVERY_MS = 15_000;
const VIDEO_RETRY_MS = 10_000;

/** Thumbnails are always encoded; the focus layer only while a station looks closely at the bed. */
export const THUMBNAIL_LAYERS: readonly BedVideoLayer[] = [
  { width: 160, height: 90, bitrateKbps: 60 },
  { width: 320, height: 180, bitrateKbps: 150 },
];
export const FOCUS_LAYER: BedVideoLayer = { width: 640, height: 360, bitrateKbps: 450 };

export interface BedVideoSettings {
  fps?: number;
  /** libvpx -cpu-used, 4..16. */
  vp8Speed?: number;
  /**
   * true (default): 160×90 and 320×180 always, 640×360 only while `video:focus` is on.
   * false: all three layers always.
   */
  focusLayer?: boolean;
  ffmpegPath?: string;
}

/** A threshold whose first crossing a benchmark wants to time (e.g. SpO2 below 90). */
export interface CrossingRule {
  vital: NumericVital;
  below?: number;
  above?: number;
}
export const DEFAULT_CROSSINGS: CrossingRule[] = [
  { vital: 'spo2', below: 90 },
  { vital: 'heartRate', above: 120 },
];

export interface CrossingEvent {
  bedId: string;
  rule: CrossingRule;
  value: number;
  /** Epoch ms of the first sample that crossed (its `at`). */
  at: number;
  /** Whether that sample went out to the api (false while the link was down). */
  sent: boolean;
}

export interface BedOptions {
  /** The api's base URL, e.g. http://127.0.0.1:3000 (the bed connects to its /bedside namespace). */
  apiUrl: string;
  deviceToken: string;
  /** The bed the token should belong to: checked against the welcome, which is what is used. */
  bedId?: string;
  /** Burnt into the video; defaults to the bed's label from the welcome. */
  label?: string;
  scenario: ScenarioName;
  seed?: number;
  scale?: number;
  delaySeconds?: number;
  durationSeconds?: number;
  /** Numerics period (default 1000 ms). */
  vitalsIntervalMs?: number;
  /** Waveform block length, a multiple of 40 ms (default 40 ms: 25 blocks a second). */
  waveformBlockMs?: number;
  /** false: numerics and waveforms only. Default: a camera with the focus layer on demand. */
  video?: false | BedVideoSettings;
  /** false: ignore talk-down. Default: consume a station's talk-down audio and count its RTP packets. */
  talk?: boolean;
  /** How long an acknowledged request may take (default 5000 ms). */
  ackTimeoutMs?: number;
  crossings?: CrossingRule[];
  logger?: Logger;
}

export interface BedCounters {
  connects: number;
  disconnects: number;
  samplesSent: number;
  samplesAcked: number;
  /** Rejected by the api or not acknowledged in time. */
  acksFailed: number;
  /** Numerics not sent because the bed was offline. */
  samplesSkipped: number;
  blocksSent: number;
  /** Not sent because the socket's send queue already held a second of them (a congested link). */
  blocksDropped: number;
  videoStarts: number;
  videoFailures: number;
}

export interface BedEvents {
  welcome: BedsideWelcome;
  /** An acknowledged sample, with the parameters the api flagged as artefacts. */
  vitals: { sample: VitalSample; artefacts: NumericVital[] };
  rejected: { sample: VitalSample; error: BedsideRequestError['error'] };
  crossing: CrossingEvent;
  /** The scripted link drop (reason 'scenario') or a lost connection. */
  link: { up: boolean; reason: string };
  video: { state: 'started' | 'stopped' | 'failed'; producerId?: string; error?: string };
  focus: { on: boolean };
  /** A station talks to this bed (incoming), stopped (ended), or its audio could not be consumed (failed). */
  talk: { state: 'incoming' | 'ended' | 'failed'; producerId: string; clinician?: string; error?: string };
  error: ProtocolError;
}

export interface BedRunner {
  /** The token's bed, once welcomed. */
  readonly bedId: string | undefined;
  /** Resolves on the first welcome. */
  readonly welcomed: Promise<BedsideWelcome>;
  counters(): BedCounters;
  /** The scenario's state at the last numerics tick. */
  lastState(): BedState | undefined;
  /** Talk-down audio received: talks consumed, RTP packets and bytes. */
  talk(): TalkCounters;
  /** The running camera, if any (producer id, ffmpeg pids). */
  video(): BedVideo | undefined;
  on<E extends keyof BedEvents>(event: E, listener: (payload: BedEvents[E]) => void): () => void;
  /** Each rule fires once per bed, the first time a sample crosses it. */
  onCrossing(listener: (crossing: CrossingEvent) => void): () => void;
  /** Stops the loops, the camera (ffmpeg) and the socket. Idempotent. */
  stop(): Promise<void>;
}

export const zeroCounters = (): BedCounters => ({
  connects: 0,
  disconnects: 0,
  samplesSent: 0,
  samplesAcked: 0,
  acksFailed: 0,
  samplesSkipped: 0,
  blocksSent: 0,
  blocksDropped: 0,
  videoStarts: 0,
  videoFailures: 0,
});

function checkOptions(options: BedOptions): void {
  const block = options.waveformBlockMs ?? WAVEFORM_BLOCK_QUANTUM_MS;
  if (!Number.isInteger(block) || block <= 0 || block % WAVEFORM_BLOCK_QUANTUM_MS || block > 1_000)
    throw new RangeError(`waveformBlockMs: a multiple of ${WAVEFORM_BLOCK_QUANTUM_MS} up to 1000`);
  const vitals = options.vitalsIntervalMs ?? 1_000;
  if (!Number.isFinite(vitals) || vitals < 100) throw new RangeError('vitalsIntervalMs: at least 100');
}

const crossed = (rule: CrossingRule, value: number) =>
  (rule.below !== undefined && value < rule.below) || (rule.above !== undefined && value > rule.above);

/**
 * One simulated bed: connects to the api's /bedside namespace with its device token and, once
 * welcomed, reports numerics (acknowledged), streams waveform blocks (unacknowledged; dropped, not
 * queued, while offline or congested: a late block is worthless) and publishes its camera. The scenario clock starts at the first welcome.
 */
export function startBed(options: BedOptions): BedRunner {
  checkOptions(options);
  const seed = options.seed ?? 1;
  const scenario = {
    name: options.scenario,
    seed,
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
    ...(options.delaySeconds !== undefined ? { delaySeconds: options.delaySeconds } : {}),
    ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
  };
  // The scenario checks its own options: fail here rather than on the first tick.
  runScenario(scenario, 0);
  const vitalsIntervalMs = options.vitalsIntervalMs ?? 1_000;
  const blockMs = options.waveformBlockMs ?? WAVEFORM_BLOCK_QUANTUM_MS;
  const rules = options.crossings ?? DEFAULT_CROSSINGS;
  const videoSettings = options.video === false ? undefined : (options.video ?? {});
  const baseLog = (options.logger ?? createLogger(process.env.LOG_LEVEL ?? 'warn')).child({
    bed: options.label ?? options.bedId ?? 'bed',
  });
  let log = baseLog;

  const counters = zeroCounters();
  const listeners = new Map<keyof BedEvents, Set<(payload: never) => void>>();
  const emit = <E extends keyof BedEvents>(event: E, payload: BedEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) {
      try {
        (listener as (p: BedEvents[E]) => void)(payload);
      } catch (error) {
        log.error({ err: error, event }, 'a bed event listener threw');
      }
    }
  };

  let resolveWelcomed: (welcome: BedsideWelcome) => void = () => undefined;
  const welcomed = new Promise<BedsideWelcome>((resolve) => (resolveWelcomed = resolve));
  let bed: BedsideWelcome | undefined;
  let startedAt: number | undefined;
  let stopped = false;
  let online = false;
  let linkDown = false;
  let state: BedState | undefined;
  const fired = new Set<CrossingRule>();

  let synth: WaveformSynth | undefined;
  let synthEpoch = 0;
  let seq = 0;
  let vitalsTimer: NodeJS.Timeout | undefined;
  let waveformTimer: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let handoverTimer: NodeJS.Timeout | undefined;
  let videoRetryTimer: NodeJS.Timeout | undefined;
  let nextVitalsAt = 0;

  const socket: BedsideSocket = io(`${options.apiUrl.replace(/\/+$/, '')}/bedside`, {
    transports: ['websocket'],
    auth: { deviceToken: options.deviceToken },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  const request = bedsideRequester(socket, options.ackTimeoutMs ?? 5_000);

  // --- camera -------------------------------------------------------------------------------------
  let camera: BedVideo | undefined;
  let videoDisabled = false;
  let focusOn = false;
  let videoChain: Promise<void> = Promise.resolve();
  const serially = (step: () => Promise<void>) => {
    videoChain = videoChain
      .then(step)
      .catch((error: unknown) => log.error({ err: error }, 'video step failed'));
    return videoChain;
  };
  const wantVideo = () => videoSettings !== undefined && !videoDisabled && !stopped && online && !linkDown;

  const startVideo = () =>
    serially(async () => {
      if (!wantVideo() || camera || !videoSettings) return;
      const rpc = createSocketVideoRpc(request);
      try {
        const opened = await rpc.open();
        // Loaded on first use: beds without video never load the SFU package (and mediasoup's Node side).
        const { startBedVideo, BedVideoError } = await import('@teleconsult/sfu');
        const focus = videoSettings.focusLayer !== false;
        try {
          camera = await startBedVideo({
            rpc,
            roomId: opened.roomId,
            peerId: opened.peerId,
            label: options.label ?? bed?.label ?? 'bed',
            layers: focus ? THUMBNAIL_LAYERS : [...THUMBNAIL_LAYERS, FOCUS_LAYER],
            ...(focus ? { focusLayer: FOCUS_LAYER } : {}),
            ...(videoSettings.fps !== undefined ? { fps: videoSettings.fps } : {}),
            ...(videoSettings.vp8Speed !== undefined ? { vp8Speed: videoSettings.vp8Speed } : {}),
            ...(videoSettings.ffmpegPath !== undefined ? { ffmpegPath: videoSettings.ffmpegPath } : {}),
            onExit: (info) => {
              log.warn(
                { code: info.code, signal: info.signal, stderr: info.stderr.slice(-500) },
                'ffmpeg exited',
              );
              camera = undefined;
              emit('video', { state: 'stopped', error: 'ffmpeg exited' });
              setTimeout(() => void startVideo(), 5_000).unref();
            },
          });
        } catch (error) {
          // Missing ffmpeg, libvpx or font will not fix itself: say so once and carry on without video.
          if (error instanceof BedVideoError) videoDisabled = true;
          throw error;
        }
      } catch (error) {
        counters.videoFailures += 1;
        const message = error instanceof Error ? error.message : String(error);
        log.error({ err: message }, videoDisabled ? 'video disabled for this bed' : 'video did not start');
        emit('video', { state: 'failed', error: message });
        // A passing failure (the SFU restarting, a loaded machine): try again in a while.
        if (!videoDisabled) videoRetryTimer = setTimeout(() => void startVideo(), VIDEO_RETRY_MS);
        return;
      }
      counters.videoStarts += 1;
      log.info({ producerId: camera.producerId }, 'video started');
      emit('video', { state: 'started', producerId: camera.producerId });
      if (focusOn) await camera.setFocus(true);
      // The link went down while the camera started: take it down again.
      if (!wantVideo()) await stopCamera();
    });

  const stopCamera = async () => {
    const running = camera;
    camera = undefined;
    if (!running) return;
    await running.stop();
    emit('video', { state: 'stopped' });
  };
  const stopVideo = () => serially(stopCamera);

  const setFocus = (on: boolean) =>
    serially(async () => {
      focusOn = on;
      await camera?.setFocus(on);
    });

  // --- talk-down -----------------------------------------------------------------------------------
  const talk = new TalkListener(request);
  let talkChain: Promise<void> = Promise.resolve();
  const onTalk = (step: () => Promise<void>) => {
    talkChain = talkChain.then(step);
  };
  const startTalk = (producerId: string, clinician: string) =>
    onTalk(async () => {
      if (options.talk === false || stopped) return;
      try {
        await talk.start(producerId);
        log.info({ producerId, clinician }, 'talk-down: listening');
        emit('talk', { state: 'incoming', producerId, clinician });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.warn({ err: message }, 'talk-down audio could not be consumed');
        emit('talk', { state: 'failed', producerId, error: message });
      }
    });
  const endTalk = (producerId: string) =>
    onTalk(async () => {
      if (options.talk === false) return;
      await talk.stop();
      emit('talk', { state: 'ended', producerId });
    });

  // --- numerics ------------------------------------------------------------------------------------
  const elapsed = (at: number) => Math.max(0, at - (startedAt ?? at));

  /** Applies the scripted link state: drop the socket (and camera) while the scenario says so. */
  const followLink = (current: BedState) => {
    if (!current.linkUp && !linkDown) {
      linkDown = true;
      log.info('scripted link drop: disconnecting');
      void stopVideo();
      socket.disconnect();
      emit('link', { up: false, reason: 'scenario' });
    } else if (current.linkUp && linkDown) {
      linkDown = false;
      log.info('scripted link drop over: reconnecting');
      socket.connect();
      emit('link', { up: true, reason: 'scenario' });
    }
  };

  const reportVitals = () => {
    const at = Date.now();
    state = runScenario(scenario, elapsed(at));
    followLink(state);
    const bedId = bed?.bedId ?? options.bedId ?? '';
    const sample = toVitalSample(state, bedId, at);
    const sending = online && !linkDown;
    for (const rule of rules) {
      const value = sample[rule.vital];
      if (fired.has(rule) || value === undefined || !crossed(rule, value)) continue;
      fired.add(rule);
      emit('crossing', { bedId, rule, value, at, sent: sending });
    }
    if (!sending) {
      counters.samplesSkipped += 1;
      return;
    }
    counters.samplesSent += 1;
    request('vitals:report', sample).then(
      ({ artefacts }) => {
        counters.samplesAcked += 1;
        emit('vitals', { sample, artefacts });
      },
      (error: unknown) => {
        counters.acksFailed += 1;
        const failure =
          error instanceof BedsideRequestError
            ? error.error
            : { code: 'INTERNAL' as const, message: String(error) };
        log.warn({ code: failure.code, field: failure.field, message: failure.message }, 'vitals rejected');
        emit('rejected', { sample, error: failure });
      },
    );
  };

  // Drift-free: every tick is due at startedAt + k × interval, whatever the timers' lateness.
  const vitalsTick = () => {
    if (stopped) return;
    reportVitals();
    const now = Date.now();
    do nextVitalsAt += vitalsIntervalMs;
    while (nextVitalsAt <= now);
    vitalsTimer = setTimeout(vitalsTick, nextVitalsAt - now);
  };

  // --- waveforms -----------------------------------------------------------------------------------
  const resetSynth = (at: number) => {
    synthEpoch += 1;
    synth = new WaveformSynth((seed * 7919 + synthEpoch) >>> 0, at);
    cursor = at;
  };
  let cursor = 0;

  // Drift-free on the synth's own cursor: a block goes out once its last sample is due.
  const waveformTick = () => {
    if (stopped) return;
    const now = Date.now();
    // After a stall (or a link drop) skip ahead instead of bursting out stale blocks.
    if (!synth || now - cursor > 1_000) resetSynth(now - blockMs);
    // The link follows the present; blocks lag it by up to a block, and must not flip it back.
    followLink(runScenario(scenario, elapsed(now)));
    while (synth && cursor + blockMs <= now) {
      const current = runScenario(scenario, elapsed(cursor));
      const block = synth.next(blockMs, {
        heartRate: current.heartRate,
        respiratoryRate: current.respiratoryRate,
        rhythm: current.rhythm,
        leadOff: current.leadOff,
      });
      cursor += blockMs;
      if (!online || linkDown) continue;
      const message: WaveformBlockMessage = {
        seq,
        t: block.startAt,
        ecg: block.ecg.mV,
        pleth: block.pleth.values,
        resp: block.resp.values,
      };
      seq += 1;
      // Not socket.volatile: it also drops a block whenever another packet is being written in the
      // same tick (every vitals report). Instead, drop only when a second's worth is already queued.
      if (socket.io.engine.writeBuffer.length > 1_000 / blockMs) {
        counters.blocksDropped += 1;
        continue;
      }
      socket.emit('waveform:block', message);
      counters.blocksSent += 1;
    }
    waveformTimer = setTimeout(waveformTick, Math.max(0, cursor + blockMs - Date.now()));
  };

  // --- socket --------------------------------------------------------------------------------------
  const onWelcome = (welcome: BedsideWelcome) => {
    if (options.bedId && welcome.bedId !== options.bedId)
      log.warn({ expected: options.bedId, got: welcome.bedId }, 'the device token belongs to another bed');
    bed = welcome;
    log = baseLog.child({ bedId: welcome.bedId });
    online = true;
    emit('welcome', welcome);
    if (startedAt === undefined) {
      startedAt = Date.now();
      nextVitalsAt = startedAt;
      log.info({ scenario: scenario.name, seed }, 'welcomed: scenario started');
      resolveWelcomed(welcome);
      vitalsTick();
    } else {
      log.info('welcomed again');
    }
    // Waveforms restart at now: the blocks of the offline time are not worth sending late.
    resetSynth(Date.now() - blockMs);
    clearTimeout(waveformTimer);
    waveformTick();
    void startVideo();
    if (welcome.kind === 'ambulance') sendHandover();
  };

  /** Ambulances: the crew's ATMIST handover now, then refreshed every 15 s with the latest signs. */
  const sendHandover = () => {
    clearTimeout(handoverTimer);
    if (stopped || !online || startedAt === undefined) return;
    request('handover:update', handoverFor(scenario.name, state, startedAt)).catch((error: unknown) =>
      log.warn({ err: error }, 'handover refused'),
    );
    handoverTimer = setTimeout(sendHandover, HANDOVER_EVERY_MS);
  };

  socket.on('notification', (notification) => {
    switch (notification.type) {
      case 'welcome':
        onWelcome(notification.bed);
        break;
      case 'video:focus':
        emit('focus', { on: notification.on });
        void setFocus(notification.on);
        break;
      case 'talk:incoming':
        startTalk(notification.producerId, notification.clinician);
        break;
      case 'talk:ended':
        endTalk(notification.producerId);
        break;
      case 'error':
        log.warn({ code: notification.error.code, message: notification.error.message }, 'api error');
        emit('error', notification.error);
        break;
    }
  });
  socket.on('connect', () => {
    counters.connects += 1;
  });
  socket.on('disconnect', (reason) => {
    counters.disconnects += 1;
    online = false;
    void stopVideo();
    onTalk(async () => talk.reset());
    if (stopped) return;
    if (!linkDown) {
      log.warn({ reason }, 'disconnected');
      emit('link', { up: false, reason });
    }
    // The api hung up on purpose: another device took this bed (the newest wins) or its token was
    // revoked. Reconnecting would fight the other device, so this bed stays off until restarted.
    if (reason === 'io server disconnect')
      log.error("the api closed this bed's connection: not reconnecting");
  });
  socket.on('connect_error', (error) => {
    log.warn({ err: error.message }, 'cannot connect to the api');
    // A refusal by the namespace's middleware (bad token) ends socket.io's own retries.
    if (!socket.active && !linkDown) scheduleReconnect(5_000);
  });
  const scheduleReconnect = (delayMs: number) => {
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => {
      if (!stopped && !linkDown && !socket.connected) socket.connect();
    }, delayMs);
  };

  let stopping: Promise<void> | undefined;
  return {
    get bedId() {
      return bed?.bedId;
    },
    welcomed,
    counters: () => ({ ...counters }),
    lastState: () => state,
    talk: () => talk.stats(),
    video: () => camera,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onCrossing(listener) {
      return this.on('crossing', listener);
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearTimeout(vitalsTimer);
        clearTimeout(waveformTimer);
        clearTimeout(reconnectTimer);
        clearTimeout(handoverTimer);
        clearTimeout(videoRetryTimer);
        // While still connected, so the api hears video:close.
        await stopVideo();
        await talkChain;
        talk.reset();
        socket.removeAllListeners();
        socket.disconnect();
        online = false;
      })();
      return stopping;
    },
  };
}
