// `npm start`: builds what is stale, starts the SFU and the api (which serves the web app) on
// the embedded default (SQLite under ./data, no Redis), seeds demo accounts and prints the URLs.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, startStack } from './lib/stack.mjs';

const apiPort = Number(process.env.PORT ?? 3000);

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
}

run(process.execPath, [join(repoRoot, 'infra/mediasoup-worker/ensure-worker.mjs')]);
run('npx', [
  'turbo',
  'run',
  'build',
  '--filter=@teleconsult/api',
  '--filter=@teleconsult/sfu',
  '--filter=@teleconsult/web',
  '--filter=@teleconsult/bedside-sim',
  '--output-logs=errors-only',
]);

const stack = await startStack({
  apiPort,
  sfuRpcPort: Number(process.env.SFU_RPC_PORT ?? 4000),
  rtcPortBase: Number(process.env.SFU_RTC_PORT_BASE ?? 40000),
  dataDir: process.env.DATA_DIR ?? join(repoRoot, 'data'),
  databaseUrl: process.env.DATABASE_URL,
  publicUrl: process.env.PUBLIC_URL,
  bedside: true,
});

console.log(`
  Teleconsult is running (embedded default: SQLite in ${stack.dataDir}, no Redis).

    Clinician app   ${stack.apiUrl}/
    API docs        ${stack.apiUrl}/api/docs
    API health      ${stack.apiUrl}/api/health
    ICU station     ${stack.apiUrl}/station   (a ward of simulated beds, live)

  Demo accounts (demo mode only):
    clinician  dr.ada@demo.teleconsult / consult-demo-2026
    admin      admin@demo.teleconsult  / admin-demo-2026

  Sign in as the clinician, book an appointment (or start an ad-hoc consult), and open the
  patient link in another browser window (or a phone on the same network, see README
  "Reaching it from another device"); admit the patient from the waiting room.
  Press Ctrl+C to stop.
`);

let stopping = false;
const shutdown = async (code) => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(code);
};
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
for (const child of stack.children) {
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`a Teleconsult process exited unexpectedly (code ${code}); stopping the rest`);
      void shutdown(1);
    }
  });
}
