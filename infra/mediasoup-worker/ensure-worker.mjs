#!/usr/bin/env node
// Provides the mediasoup worker binary for node_modules/mediasoup with no manual step, on
// machines that reach only the npm registry and Debian's apt. Runs as the root postinstall.
// Order: MEDIASOUP_WORKER_BIN → our cache (keyed by mediasoup version) → the official
// prebuilt → a build from source against Debian's libraries with our patch.
// Flags: --check (create a worker and router to prove the binary works), --rebuild (ignore cache).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, release, tmpdir, availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const mediasoupDir = join(repoRoot, 'node_modules', 'mediasoup');
const args = new Set(process.argv.slice(2));
const log = (message) => console.error(`[mediasoup-worker] ${message}`);

// Debian packages needed to build, with the pkg-config module or program that proves each.
const buildDeps = [
  { apt: 'meson', program: 'meson' },
  { apt: 'ninja-build', program: 'ninja' },
  { apt: 'pkg-config', program: 'pkg-config' },
  { apt: 'g++', program: 'g++' },
  { apt: 'flatbuffers-compiler', program: 'flatc' },
  { apt: 'libuv1-dev', module: 'libuv' },
  { apt: 'libssl-dev', module: 'openssl' },
  { apt: 'libsrtp2-dev', module: 'libsrtp2' },
  { apt: 'libabsl-dev', module: 'absl_strings' },
  { apt: 'libflatbuffers-dev', module: 'flatbuffers' },
];

function fail(message) {
  log(message);
  process.exit(1);
}

function has(dep) {
  if (dep.program) return spawnSync('sh', ['-c', `command -v ${dep.program}`], { stdio: 'ignore' }).status === 0;
  return spawnSync('pkg-config', ['--exists', dep.module], { stdio: 'ignore' }).status === 0;
}

function isExecutableFile(file) {
  try {
    return statSync(file).isFile() && statSync(file).size > 1_000_000;
  } catch {
    return false;
  }
}

function ensureBuildDeps() {
  const missing = buildDeps.filter((dep) => !has(dep)).map((dep) => dep.apt);
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    fail(`cannot build the worker: missing Debian packages. Install them and run npm ci again:\n\n    sudo apt-get update && sudo ${command}\n`);
  }
  log(`installing build dependencies: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env });
}

async function tryPrebuilt(version, target) {
  const pkg = JSON.parse(readFileSync(join(mediasoupDir, 'package.json'), 'utf8'));
  const repoUrl = String(pkg.repository?.url ?? 'https://github.com/versatica/mediasoup').replace(/^git\+/, '').replace(/\.git$/, '');
  const base = process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL ?? `${repoUrl}/releases/download`;
  const kernel = release().split('.')[0];
  const url = `${base}/${version}/mediasoup-worker-${version}-${process.platform}-${process.arch}-kernel${kernel}.tgz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const work = mkdtempSync(join(tmpdir(), 'mediasoup-prebuilt-'));
    writeFileSync(join(work, 'worker.tgz'), Buffer.from(await response.arrayBuffer()));
    execFileSync('tar', ['-xzf', 'worker.tgz'], { cwd: work });
    copyFileSync(join(work, 'mediasoup-worker'), target);
    rmSync(work, { recursive: true, force: true });
    return true;
  } catch (error) {
    log(`no official prebuilt worker (${url}: ${error.cause?.code ?? error.message}); building from source`);
    return false;
  }
}

function buildFromSource(version, target) {
  const patch = join(here, `mediasoup-${version}-debian.patch`);
  if (!existsSync(patch)) fail(`no source patch for mediasoup ${version} (${patch}); pin mediasoup to a version this folder supports`);
  ensureBuildDeps();
  const work = mkdtempSync(join(tmpdir(), 'mediasoup-build-'));
  const started = Date.now();
  try {
    execFileSync('cp', ['-r', join(mediasoupDir, 'worker'), join(work, 'worker')]);
    execFileSync('patch', ['-p1', '--quiet', '-i', patch], { cwd: work, stdio: 'inherit' });
    const build = join(work, 'build');
    const jobs = String(Math.max(1, availableParallelism()));
    log(`building mediasoup-worker ${version} from source with ${jobs} jobs (about 5 minutes on 2 cores)`);
    execFileSync('meson', ['setup', build, '--buildtype=release', '--wrap-mode=nodownload'], { cwd: join(work, 'worker'), stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('ninja', ['-C', build, '-j', jobs, 'mediasoup-worker'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('strip', [join(build, 'mediasoup-worker')]);
    copyFileSync(join(build, 'mediasoup-worker'), target);
    log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function check() {
  const { createRequire } = await import('node:module');
  const mediasoup = createRequire(join(repoRoot, 'package.json'))('mediasoup');
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  const router = await worker.createRouter({ mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] });
  const transport = await router.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }] });
  const ok = transport.dtlsParameters.fingerprints.length > 0;
  worker.close();
  if (!ok) fail('worker started but created no DTLS fingerprints');
  log(`worker ${mediasoup.version} OK (pid ${worker.pid})`);
}

async function main() {
  if (!existsSync(join(mediasoupDir, 'package.json'))) return; // mediasoup not installed (e.g. --omit).
  const version = JSON.parse(readFileSync(join(mediasoupDir, 'package.json'), 'utf8')).version;
  const installed = join(mediasoupDir, 'worker', 'out', 'Release', 'mediasoup-worker');
  const cacheRoot = process.env.TELECONSULT_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'teleconsult');
  const cached = join(cacheRoot, 'mediasoup-worker', `${version}-${process.platform}-${process.arch}`, 'mediasoup-worker');

  if (process.env.MEDIASOUP_WORKER_BIN) {
    if (!isExecutableFile(process.env.MEDIASOUP_WORKER_BIN)) fail(`MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN} is not a worker binary`);
    log(`using MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN}`);
  } else {
    if (args.has('--rebuild') || !isExecutableFile(cached)) {
      mkdirSync(dirname(cached), { recursive: true });
      const partial = `${cached}.partial-${process.pid}`;
      if (!(await tryPrebuilt(version, partial))) buildFromSource(version, partial);
      chmodSync(partial, 0o755);
      renameSync(partial, cached); // atomic: a concurrent install never sees half a binary
    }
    if (!isExecutableFile(installed) || statSync(installed).size !== statSync(cached).size || args.has('--rebuild')) {
      mkdirSync(dirname(installed), { recursive: true });
      copyFileSync(cached, installed);
      chmodSync(installed, 0o755);
      log(`worker ${version} installed from cache ${cached}`);
    }
  }
  if (args.has('--check')) await check();
}

await main();
