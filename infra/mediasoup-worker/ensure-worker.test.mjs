// Runs ensure-worker.mjs as npm would, against a throwaway project that holds a copy of the
// installed mediasoup package (without its worker) and an empty cache. The official prebuilt
// is served from a local HTTP server built from the worker this repository already installed.
// Building from source takes minutes and is exercised by installing for real, not here: a
// `meson` that always fails is first on PATH, so a wrong fallback to the build fails fast.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OPENSSL_VERSION } from './openssl-static.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const script = join(here, 'ensure-worker.mjs');
const realMediasoup = join(repoRoot, 'node_modules', 'mediasoup');
const realWorker = join(realMediasoup, 'worker', 'out', 'Release', 'mediasoup-worker');
const version = JSON.parse(readFileSync(join(realMediasoup, 'package.json'), 'utf8')).version;
const tarName = `mediasoup-worker-${version}-${process.platform}-${process.arch}-kernel${release().split('.')[0]}.tgz`;

let sandbox;
let server;
let baseUrl;
const served = new Map(); // URL path → tgz bytes

function makeTgz(name, writeWorker) {
  const dir = join(sandbox, `tgz-${name}`);
  mkdirSync(dir);
  writeWorker(join(dir, 'mediasoup-worker'));
  execFileSync('tar', ['-czf', 'worker.tgz', 'mediasoup-worker'], { cwd: dir });
  return readFileSync(join(dir, 'worker.tgz'));
}

function makeProject(name) {
  const root = join(sandbox, name);
  cpSync(realMediasoup, join(root, 'node_modules', 'mediasoup'), { recursive: true });
  rmSync(join(root, 'node_modules', 'mediasoup', 'worker', 'out'), { recursive: true, force: true });
  const cache = join(root, 'cache');
  return {
    root,
    cache,
    installed: join(root, 'node_modules', 'mediasoup', 'worker', 'out', 'Release', 'mediasoup-worker'),
    cached: join(
      cache,
      'mediasoup-worker',
      `${version}-${process.platform}-${process.arch}-openssl${OPENSSL_VERSION}`,
      'mediasoup-worker',
    ),
  };
}

let fakeBin;

// Asynchronous on purpose: the prebuilt server lives in this process and must keep answering.
function run(cwd, env, args = [], command = [process.execPath, script]) {
  const started = Date.now();
  const child = spawn(command[0], [...command.slice(1), ...args], {
    cwd,
    // mediasoup's own dependencies resolve from the repository for the copied package.
    env: {
      PATH: `${fakeBin}:${process.env.PATH}`,
      HOME: sandbox,
      NODE_PATH: join(repoRoot, 'node_modules'),
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolveRun) =>
    child.on('close', (status) => resolveRun({ status, output, ms: Date.now() - started })),
  );
}

before(async () => {
  assert.ok(existsSync(realWorker), `run node ${script} first: ${realWorker} is missing`);
  sandbox = mkdtempSync(join(tmpdir(), 'ensure-worker-test-'));
  chmodSync(sandbox, 0o755);
  fakeBin = join(sandbox, 'fake-bin');
  mkdirSync(fakeBin);
  writeFileSync(
    join(fakeBin, 'meson'),
    '#!/bin/sh\necho "meson disabled by ensure-worker.test.mjs" >&2\nexit 1\n',
    { mode: 0o755 },
  );
  served.set(
    `/good/${version}/${tarName}`,
    makeTgz('good', (file) => cpSync(realWorker, file)),
  );
  served.set(
    `/broken/${version}/${tarName}`,
    makeTgz('broken', (file) => writeFileSync(file, '#!/bin/sh\nexit 1\n', { mode: 0o755 })),
  );
  server = createServer((request, response) => {
    const body = served.get(request.url ?? '');
    response.writeHead(body ? 200 : 404).end(body);
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server?.close();
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

describe('ensure-worker', () => {
  test('exits quietly where mediasoup is not installed', async () => {
    const empty = join(sandbox, 'no-mediasoup');
    mkdirSync(empty);
    // A copy of the script outside the repository, so its own location finds no project either.
    const lonely = join(empty, 'ensure-worker.mjs');
    cpSync(script, lonely);
    cpSync(join(here, 'openssl-static.mjs'), join(empty, 'openssl-static.mjs'));
    const result = await run(empty, { NODE_PATH: '' }, [], [process.execPath, lonely]);
    assert.equal(result.status, 0, result.output);
    assert.equal(result.output, '');
  });

  test('installs the official prebuilt, proves it with --check, then hits the cache fast', async () => {
    const project = makeProject('prebuilt');
    const env = {
      TELECONSULT_CACHE_DIR: project.cache,
      MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL: `${baseUrl}/good`,
    };

    const first = await run(project.root, env, ['--check']);
    assert.equal(first.status, 0, first.output);
    assert.match(first.output, /official prebuilt downloaded/);
    assert.match(first.output, /check OK/);
    assert.deepEqual(readFileSync(project.installed), readFileSync(realWorker));
    assert.deepEqual(readFileSync(project.cached), readFileSync(realWorker));

    // Like a fresh npm ci: node_modules is new, the cache is not; the server is not asked again.
    rmSync(project.installed);
    const second = await run(project.root, {
      ...env,
      MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL: `${baseUrl}/missing`,
    });
    assert.equal(second.status, 0, second.output);
    assert.match(second.output, /cache hit .*, installed in/);
    assert.deepEqual(readFileSync(project.installed), readFileSync(realWorker));

    const third = await run(join(project.root, 'node_modules'), env);
    assert.match(third.output, /cache hit .*, already installed/);
    assert.ok(third.ms < 1000, `cache hit took ${third.ms} ms`);
  });

  test('replaces a cached binary that no longer matches its checksum', async () => {
    const project = makeProject('corrupt-cache');
    const env = {
      TELECONSULT_CACHE_DIR: project.cache,
      MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL: `${baseUrl}/good`,
    };
    assert.equal((await run(project.root, env)).status, 0);
    writeFileSync(project.cached, 'truncated');

    const result = await run(project.root, env);
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /official prebuilt downloaded/);
    assert.deepEqual(readFileSync(project.cached), readFileSync(realWorker));
  });

  test('rejects a prebuilt that does not run here, and without root names the apt packages to install', async () => {
    const project = makeProject('no-deps');
    mkdirSync(project.cache, { mode: 0o777 });
    chmodSync(project.cache, 0o777);
    // A PATH with node, tar and gzip alone: no build tool, so every package is reported missing.
    const bin = join(sandbox, 'node-only-bin');
    mkdirSync(bin);
    cpSync(process.execPath, join(bin, 'node'));
    for (const tool of ['tar', 'gzip'])
      symlinkSync(
        execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(),
        join(bin, tool),
      );
    const env = {
      PATH: bin,
      TELECONSULT_CACHE_DIR: project.cache,
      MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL: `${baseUrl}/broken`,
    };
    // Only root may apt-get install, so the message is what a developer without root sees.
    const asNobody =
      process.getuid?.() === 0
        ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']
        : [];
    const result = await run(project.root, env, [], [...asNobody, join(bin, 'node'), script]);
    const output = result.output;
    assert.equal(result.status, 1, output);
    assert.match(output, /does not run on this host/);
    assert.match(
      output,
      /sudo apt-get install -y --no-install-recommends meson ninja-build pkg-config g\+\+ binutils patch flatbuffers-compiler libuv1-dev perl make libsrtp2-dev libabsl-dev libflatbuffers-dev/,
    );
    assert.ok(!existsSync(project.installed));
  });

  test('a failing build step stops the install with the tail of the build log', async () => {
    const project = makeProject('failing-build');
    // Sources that already carry the patch: applying it again fails, seconds into the build.
    const packageDir = join(project.root, 'node_modules', 'mediasoup');
    execFileSync('patch', ['-p1', '--quiet', '-i', join(here, `mediasoup-${version}-debian.patch`)], {
      cwd: packageDir,
    });
    const result = await run(project.root, {
      TELECONSULT_CACHE_DIR: project.cache,
      MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD: '1',
    });
    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /patch failed while building the worker: exit 1/);
    assert.match(result.output, /Reversed \(or previously applied\) patch detected/);
    assert.match(result.output, /full log: .*build\.log/);
    assert.ok(!existsSync(project.installed));
    assert.ok(!existsSync(project.cached));
  });

  test('MEDIASOUP_WORKER_BIN is installed when it is a worker and refused when it is not', async () => {
    const project = makeProject('from-env');
    const good = await run(project.root, {
      MEDIASOUP_WORKER_BIN: realWorker,
      TELECONSULT_CACHE_DIR: project.cache,
    });
    assert.equal(good.status, 0, good.output);
    assert.match(good.output, /installed MEDIASOUP_WORKER_BIN/);
    assert.deepEqual(readFileSync(project.installed), readFileSync(realWorker));
    assert.ok(
      !existsSync(project.cache),
      'the cache is not touched when the binary comes from the environment',
    );

    const bad = await run(project.root, {
      MEDIASOUP_WORKER_BIN: '/bin/true',
      TELECONSULT_CACHE_DIR: project.cache,
    });
    assert.equal(bad.status, 1);
    assert.match(bad.output, /is not a mediasoup worker/);
  });
});
