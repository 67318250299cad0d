import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { DEJAVU_FONT } from './ffmpeg-args';

export const APT_HINT = 'apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core';

export class BedVideoError extends Error {
  override name = 'BedVideoError';
}

const checked = new Map<string, Promise<void>>();

/**
 * Fails with the apt command to run when ffmpeg, its VP8 encoder or the DejaVu font is missing.
 * Once per process and ffmpeg/font pair: a ward of beds starting together runs one
 * `ffmpeg -encoders`, not one each (which, on a loaded machine, could time out). A failed check
 * is forgotten, so a later start tries again.
 */
export function checkFfmpeg(ffmpegPath: string, fontFile = DEJAVU_FONT): Promise<void> {
  const key = `${ffmpegPath}\0${fontFile}`;
  let check = checked.get(key);
  if (!check) {
    check = runCheck(ffmpegPath, fontFile);
    checked.set(key, check);
    check.catch(() => checked.delete(key));
  }
  return check;
}

async function runCheck(ffmpegPath: string, fontFile: string): Promise<void> {
  const encoders = await new Promise<string>((resolve, reject) =>
    execFile(ffmpegPath, ['-hide_banner', '-encoders'], { timeout: 30_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  ).catch((error: NodeJS.ErrnoException) => {
    throw new BedVideoError(
      error.code === 'ENOENT'
        ? `ffmpeg not found at "${ffmpegPath}": install it with \`${APT_HINT}\``
        : `ffmpeg at "${ffmpegPath}" did not run (${error.message}); reinstall with \`${APT_HINT}\``,
    );
  });
  if (!/\blibvpx\b/.test(encoders))
    throw new BedVideoError(
      `ffmpeg at "${ffmpegPath}" has no libvpx VP8 encoder; install Debian's: \`${APT_HINT}\``,
    );
  await access(fontFile).catch(() => {
    throw new BedVideoError(`font ${fontFile} is missing: install it with \`${APT_HINT}\``);
  });
}

// Every ffmpeg this process started and has not yet seen exit: killed when the host goes away.
const live = new Set<ChildProcess>();
let hooksInstalled = false;

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAll();
      // A listener cancels Node's default exit; restore it unless the host handles the signal itself.
      process.off(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

export interface FfmpegRun {
  child: ChildProcess;
  /** Settles when ffmpeg has exited, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** SIGTERM, then SIGKILL after graceMs; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export function runFfmpeg(ffmpegPath: string, args: string[]): FfmpegRun {
  installExitHooks();
  const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.once('error', () => {
        live.delete(child);
        resolve({ code: null, signal: null, stderr });
      });
      child.once('exit', (code, signal) => {
        live.delete(child);
        resolve({ code, signal, stderr });
      });
    },
  );
  return {
    child,
    exited,
    stop: async (graceMs = 2000) => {
      if (child.exitCode !== null || child.signalCode !== null || !live.has(child)) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** ffmpeg processes this host still runs (for tests and diagnostics). */
export const liveFfmpegCount = (): number => live.size;
