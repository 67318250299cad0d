#!/usr/bin/env node
// Provides the mediasoup worker binary for node_modules/mediasoup with no manual step, on
// machines that reach only the npm registry and Debian's apt. Runs as the root postinstall
// (mediasoup's own postinstall is disabled: it needs GitHub or PyPI).
// Order: MEDIASOUP_WORKER_BIN → our cache (keyed by mediasoup version) → the official
// prebuilt → a build from source against Debian's libraries (and a static OpenSSL) with our patch.
// Flags: --check (create a worker, router and transport to prove the binary works),
//        --rebuild (ignore the cache and the prebuilt, build from source).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  appendFileSync,
  closeSync,
  constants,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, homedir, release, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPENSSL_VERSION, buildStaticOpenSsl } from './openssl-static.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const log = (message) => console.log(`[mediasoup-worker] ${message}`);

// Debian packages needed to build, each with the program or pkg-config module that proves it.
const buildDeps = [
  { apt: 'meson', program: 'meson' },
  { apt: 'ninja-build', program: 'ninja' },
  { apt: 'pkg-config', program: 'pkg-config' },
  { apt: 'g++', program: 'g++' },
  { apt: 'binutils', program: 'strip' },
  { apt: 'patch', program: 'patch' },
  { apt: 'flatbuffers-compiler', program: 'flatc' },
  { apt: 'libuv1-dev', module: 'libuv' },
  { apt: 'perl', program: 'perl' },
  { apt: 'make', program: 'make' },
  { apt: 'libsrtp2-dev', module: 'libsrtp2' },
  { apt: 'libabsl-dev', module: 'absl_strings' },
  { apt: 'libflatbuffers-dev', module: 'flatbuffers' },
];

function fail(message) {
  console.error(`[mediasoup-worker] ${message}`);
  process.exit(1);
}

// npm runs the root postinstall with cwd = the repository root; walking up like Node's own
// resolution also finds the hoisted package when run from a workspace folder.
function findProjectRoot(start) {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', 'mediasoup', 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function onPath(program) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function has(dep) {
  if (dep.program) return onPath(dep.program);
  return spawnSync('pkg-config', ['--exists', dep.module], { stdio: 'ignore' }).status === 0;
}

// Started without its parent's environment, a working mediasoup-worker exits with 41 (see its
// main.cpp; mediasoup's own installer uses the same probe). Any other outcome means it cannot
// run here (wrong libc, missing shared library, not a worker at all).
function runsHere(file) {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return false;
  }
  return spawnSync(file, [], { env: {}, stdio: 'ignore', timeout: 5_000 }).status === 41;
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function cacheIsValid(file, marker) {
  try {
    return readFileSync(marker, 'utf8').trim() === sha256(file) && runsHere(file);
  } catch {
    return false;
  }
}

// Copy then rename: a running worker keeps its inode (no ETXTBSY), and a concurrent reader
// never sees half a binary.
function installAtomically(source, target) {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  copyFileSync(source, partial);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
}

function ensureBuildDeps() {
  const missing = buildDeps.filter((dep) => !has(dep)).map((dep) => dep.apt);
  if (missing.length === 0) return;
  const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    fail(
      `cannot build the worker, these Debian packages are missing. Install them, then run npm ci again:\n\n    sudo ${install}\n`,
    );
  }
  if (!onPath('apt-get'))
    fail(
      `cannot build the worker: missing ${missing.join(', ')} and no apt-get to install them. Set MEDIASOUP_WORKER_BIN to a worker binary built for mediasoup's version.`,
    );
  log(`installing build dependencies: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptInstall = () => spawnSync('sh', ['-c', install], { stdio: 'inherit', env }).status === 0;
  if (aptInstall()) return;
  // A fresh machine or image has no package lists yet.
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (!aptInstall()) fail(`${install} failed`);
}

async function fetchPrebuilt(pkg, target) {
  if (process.env.MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD) return false;
  const repoUrl = String(pkg.repository?.url ?? 'https://github.com/versatica/mediasoup')
    .replace(/^git\+/, '')
    .replace(/\.git$/, '');
  const base = process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL || `${repoUrl}/releases/download`;
  const kernel = process.platform === 'linux' ? `-kernel${release().split('.')[0]}` : '';
  const url = `${base}/${pkg.version}/mediasoup-worker-${pkg.version}-${process.platform}-${process.arch}${kernel}.tgz`;
  const work = mkdtempSync(join(tmpdir(), 'mediasoup-prebuilt-'));
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    writeFileSync(join(work, 'worker.tgz'), Buffer.from(await response.arrayBuffer()));
    execFileSync('tar', ['-xzf', 'worker.tgz', 'mediasoup-worker'], { cwd: work, stdio: 'ignore' });
    if (!runsHere(join(work, 'mediasoup-worker')))
      throw new Error('the downloaded binary does not run on this host');
    copyFileSync(join(work, 'mediasoup-worker'), target);
    return true;
  } catch (error) {
    log(`no usable official prebuilt (${url}: ${error.cause?.code ?? error.message}); building from source`);
    return false;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildFromSource(mediasoupDir, version, target, logFile, cacheRoot) {
  if (process.platform !== 'linux')
    fail(
      `no prebuilt worker for ${process.platform}-${process.arch} and building from source is supported on Debian/Ubuntu only; set MEDIASOUP_WORKER_BIN`,
    );
  const patch = join(here, `mediasoup-${version}-debian.patch`);
  if (!existsSync(patch))
    fail(
      `no source patch for mediasoup ${version} (${patch}); pin mediasoup to a version this folder supports`,
    );
  ensureBuildDeps();
  const work = mkdtempSync(join(tmpdir(), 'mediasoup-build-'));
  const build = join(work, 'build');
  const jobs = String(availableParallelism());
  log(
    `building mediasoup-worker ${version} from source with ${jobs} jobs (10 minutes or more on 2 cores; follow it with tail -f ${logFile})`,
  );
  writeFileSync(logFile, '');
  // Output goes straight to the log, so `tail -f` on it follows a build that takes many minutes.
  const run = (program, programArgs, cwd, env = process.env) => {
    appendFileSync(logFile, `$ ${program} ${programArgs.join(' ')}\n`);
    const fd = openSync(logFile, 'a');
    const result = spawnSync(program, programArgs, { cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    if (result.status !== 0) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      rmSync(work, { recursive: true, force: true });
      fail(
        `${program} failed while building the worker: ${result.error?.message ?? `exit ${result.status}`}\n${tail}\n(full log: ${logFile})`,
      );
    }
  };
  try {
    run('cp', ['-r', join(mediasoupDir, 'worker'), join(work, 'worker')], work);
    rmSync(join(work, 'worker', 'out'), { recursive: true, force: true });
    run('patch', ['-p1', '-i', patch], work);
    const opensslPkgConfig = await buildStaticOpenSsl({ work, cacheRoot, jobs, run, log }).catch((error) =>
      fail(error.message),
    );
    const env = {
      ...process.env,
      PKG_CONFIG_PATH: [opensslPkgConfig, process.env.PKG_CONFIG_PATH].filter(Boolean).join(delimiter),
    };
    run(
      'meson',
      ['setup', build, '--buildtype=release', '--wrap-mode=nodownload'],
      join(work, 'worker'),
      env,
    );
    run('ninja', ['-C', build, '-j', jobs, 'mediasoup-worker'], work);
    run('strip', [join(build, 'mediasoup-worker')], work);
    if (!runsHere(join(build, 'mediasoup-worker'))) fail('the worker built but does not run on this host');
    copyFileSync(join(build, 'mediasoup-worker'), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function check(root) {
  const { createRequire } = await import('node:module');
  const mediasoup = createRequire(join(root, 'package.json'))('mediasoup');
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  try {
    const router = await worker.createRouter({
      mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }],
    });
    const transport = await router.createWebRtcTransport({
      listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
    });
    if (transport.dtlsParameters.fingerprints.length === 0)
      fail('the worker started but produced no DTLS fingerprints');
  } finally {
    worker.close();
  }
  log(`check OK: worker ${mediasoup.version} created a router and a WebRTC transport`);
}

async function main() {
  const root = findProjectRoot(process.cwd()) ?? findProjectRoot(here);
  if (!root) return; // mediasoup is not installed (e.g. npm ci --omit=dev in a web-only image).
  const mediasoupDir = join(root, 'node_modules', 'mediasoup');
  const pkg = JSON.parse(readFileSync(join(mediasoupDir, 'package.json'), 'utf8'));
  const installed = join(mediasoupDir, 'worker', 'out', 'Release', 'mediasoup-worker');

  const fromEnv = process.env.MEDIASOUP_WORKER_BIN;
  if (fromEnv) {
    if (!runsHere(fromEnv))
      fail(`MEDIASOUP_WORKER_BIN=${fromEnv} is not a mediasoup worker that runs on this host`);
    if (resolve(fromEnv) !== installed) installAtomically(fromEnv, installed);
    log(`${pkg.version}: installed MEDIASOUP_WORKER_BIN=${fromEnv}`);
  } else {
    const cacheRoot =
      process.env.TELECONSULT_CACHE_DIR ||
      join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'teleconsult');
    const cacheDir = join(
      cacheRoot,
      'mediasoup-worker',
      // The recipe is part of the key, so a worker built another way (on Debian's libssl) is not reused.
      `${pkg.version}-${process.platform}-${process.arch}-openssl${OPENSSL_VERSION}`,
    );
    const cached = join(cacheDir, 'mediasoup-worker');
    const marker = `${cached}.sha256`;
    let how = 'cache hit';
    if (args.has('--rebuild') || !cacheIsValid(cached, marker)) {
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${cached}.partial-${process.pid}`;
      const started = Date.now();
      if (!args.has('--rebuild') && (await fetchPrebuilt(pkg, partial))) {
        how = 'official prebuilt downloaded';
      } else {
        await buildFromSource(mediasoupDir, pkg.version, partial, join(cacheDir, 'build.log'), cacheRoot);
        how = `built from source in ${Math.round((Date.now() - started) / 1000)} s`;
      }
      chmodSync(partial, 0o755);
      writeFileSync(marker, `${sha256(partial)}\n`);
      renameSync(partial, cached);
    }
    const digest = readFileSync(marker, 'utf8').trim();
    const upToDate = existsSync(installed) && sha256(installed) === digest;
    if (!upToDate) installAtomically(cached, installed);
    log(
      `${pkg.version}: ${how} (${cached}), ${upToDate ? 'already installed' : 'installed'} in ${installed}`,
    );
  }
  if (args.has('--check')) await check(root);
}

await main();
