// Starts the platform's processes (SFU, then api serving the built web app) as children.
// Shared by `npm start`, the browser end-to-end tests and the benchmarks so all three run
// exactly what ops would run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Asks the kernel for a free TCP port on loopback. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Secrets for the embedded default: generated once per data directory, never committed. */
export function loadOrCreateSecrets(dataDir) {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SFU_SECRET: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function launch(name, script, env, { quiet, args = [] }) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const collect = (chunk) => {
    const text = chunk.toString();
    tail.push(text);
    if (tail.length > 200) tail.shift();
    if (!quiet) process.stdout.write(text.replace(/^(?=.)/gm, `[${name}] `));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.logTail = () => tail.join('');
  return child;
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`api exited (${child.exitCode}) before it was healthy:\n${child.logTail()}`);
    try {
      const res = await fetch(url);
      const body = await res.json();
      if (res.ok && body.status === 'ok') return body;
      last = JSON.stringify(body);
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`api not healthy after ${timeoutMs} ms (${last}):\n${child.logTail()}`);
}

/**
 * Starts SFU + api. Options: apiPort, sfuRpcPort, rtcPortBase (0 = ephemeral), dataDir,
 * databaseUrl, demo (seed demo accounts), bedside (run the demo ward's bedside simulator), quiet
 * (buffer logs instead of printing), env (extra).
 */
export async function startStack(options = {}) {
  const dataDir = resolve(options.dataDir ?? join(repoRoot, 'data'));
  const secrets = loadOrCreateSecrets(dataDir);
  const apiPort = options.apiPort ?? (await freePort());
  const sfuRpcPort = options.sfuRpcPort ?? (await freePort());
  const quiet = options.quiet ?? false;
  const common = { SFU_SECRET: secrets.SFU_SECRET, LOG_LEVEL: options.logLevel ?? 'info', ...options.env };

  const sfu = launch(
    'sfu',
    join(repoRoot, 'apps/sfu/dist/main.js'),
    {
      ...common,
      SFU_RPC_HOST: '127.0.0.1',
      SFU_RPC_PORT: String(sfuRpcPort),
      SFU_RTC_PORT_BASE: String(options.rtcPortBase ?? 40000),
    },
    { quiet },
  );
  const publicUrl = options.publicUrl ?? `http://localhost:${apiPort}`;
  const api = launch(
    'api',
    join(repoRoot, 'apps/api/dist/main.js'),
    {
      ...common,
      PORT: String(apiPort),
      PUBLIC_URL: publicUrl,
      DATA_DIR: dataDir,
      JWT_SECRET: secrets.JWT_SECRET,
      SFU_URL: `http://127.0.0.1:${sfuRpcPort}`,
      DEMO_MODE: options.demo === false ? 'false' : 'true',
      WEB_DIST_DIR: join(repoRoot, 'apps/web/dist'),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    },
    { quiet },
  );

  const children = [sfu, api];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
  };
  try {
    const health = await waitForHealth(
      `http://127.0.0.1:${apiPort}/api/health`,
      api,
      options.timeoutMs ?? 60_000,
    );
    if (health.sfu !== 'up') throw new Error(`SFU not reachable from the api:\n${sfu.logTail()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  // Demo mode: the api has seeded the ICU ward and written its beds' device tokens; the headless
  // bedside simulator brings them to life (numerics, waveforms, camera).
  const bedsideConfig = join(dataDir, 'demo-bedside.json');
  if (options.bedside && existsSync(bedsideConfig)) {
    children.push(
      launch(
        'bedside',
        join(repoRoot, 'apps/bedside-sim/dist/main.js'),
        { LOG_LEVEL: options.logLevel ?? 'info' },
        { quiet, args: ['--api', `http://127.0.0.1:${apiPort}`, '--config', bedsideConfig] },
      ),
    );
  }
  return { apiUrl: publicUrl, apiPort, sfuRpcPort, dataDir, children, stop };
}
