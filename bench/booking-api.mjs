// Booking API under load: slot listing and booking (distinct slots, so every booking can succeed),
// on the embedded SQLite and on PostgreSQL, with autocannon against a running api.
// Usage: node bench/booking-api.mjs [--seconds 10] [--connections 10]
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); a throwaway schema is used.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { describeMachine, markdownTable, writeSection } from './lib/report.mjs';
import { freePort, repoRoot, startStack } from '../scripts/lib/stack.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const seconds = arg('seconds', 10);
const connections = arg('connections', 10);
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const json = async (url, method, token, body) => {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return response.json();
};

const run = (options) =>
  new Promise((resolve, reject) => {
    const instance = autocannon({ connections, duration: seconds, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
  });

async function benchDriver(driver) {
  const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-bench-booking-'));
  const schema = `bench_${process.pid}`;
  if (driver === 'PostgreSQL') await adminQuery(`CREATE SCHEMA ${schema}`);
  const stack = await startStack({
    apiPort: await freePort(),
    rtcPortBase: 0,
    dataDir,
    quiet: true,
    logLevel: 'warn',
    ...(driver === 'PostgreSQL' ? { databaseUrl: postgresUrl, env: { DATABASE_SCHEMA: schema } } : {}),
  });
  try {
    const login = await json(`${stack.apiUrl}/api/auth/login`, 'POST', null, {
      email: 'dr.ada@demo.teleconsult',
      password: 'consult-demo-2026',
    });
    const token = login.accessToken;
    const clinicianId = login.user.id;
    // Round-the-clock 5-minute slots: tens of thousands of distinct free slots to book.
    await json(`${stack.apiUrl}/api/availability`, 'PUT', token, {
      timeZone: 'Europe/London',
      slotMinutes: 5,
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:55' })),
      exceptions: [],
    });
    const from = new Date(Date.now() + 86_400_000);
    const to = new Date(from.getTime() + 60 * 86_400_000);
    const { slots } = await json(
      `${stack.apiUrl}/api/clinicians/${clinicianId}/slots?from=${from.toISOString()}&to=${to.toISOString()}`,
      'GET',
      token,
    );
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const dayTo = new Date(from.getTime() + 86_400_000).toISOString();
    const listing = await run({
      url: `${stack.apiUrl}/api/clinicians/${clinicianId}/slots?from=${from.toISOString()}&to=${dayTo}`,
      headers: auth,
    });
    let next = 0;
    const booking = await run({
      url: `${stack.apiUrl}/api/appointments`,
      method: 'POST',
      headers: auth,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              clinicianId,
              startsAt: slots[next++ % slots.length].startsAt,
              patient: { name: 'Bench Patient' },
            }),
          }),
        },
      ],
    });
    return [
      ['slot listing (1 day)', listing],
      ['booking', booking],
    ].map(([what, r]) => [
      driver,
      what,
      Math.round(r.requests.average),
      `${r.latency.p50} ms`,
      `${r.latency.p99} ms`,
      r['2xx'],
      r.non2xx,
      r.errors + r.timeouts,
    ]);
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (driver === 'PostgreSQL') await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
  }
}

const machine = describeMachine();
const rows = [...(await benchDriver('SQLite')), ...(await benchDriver('PostgreSQL'))];
const table = markdownTable(['database', 'request', 'req/s', 'p50', 'p99', '2xx', 'non-2xx', 'errors'], rows);
console.log(`\n${table}\n`);
writeSection(
  repoRoot,
  'Booking API under load',
  `Command: \`node bench/booking-api.mjs --seconds ${seconds} --connections ${connections}\` (autocannon, ${connections} connections, ${seconds} s per row, api and SFU as separate processes on loopback, demo clinician with round-the-clock 5-minute slots; each booking takes a distinct free slot, so non-2xx would be a bug, not a conflict).\nMachine: ${machine}.\nRun on ${new Date().toISOString().slice(0, 10)}.\n\nA booking writes the appointment (through the partial unique index), a consult, a hashed patient link and two audit events; slot listing reads the availability and the day's appointments and expands the slots in the clinician's zone.\n\n${table}`,
);
