// Remote ICU at scale: N simulated beds (8, 16, 32, 64) against one central station (the real
// station page in headless Chromium, plus a socket.io observer timing alarms). Reports waveform
// delivery latency, alarm latency, api and SFU CPU and memory, and dropped waveform blocks.
//
//   node bench/icu-station.mjs [--sizes 8,16,32,64] [--seconds 20] [--video]
//
// Needs the built apps (npx turbo run build). Writes its section of docs/benchmarks.md.
/* global window, requestAnimationFrame -- code passed to page.evaluate runs in the browser */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { io } from 'socket.io-client';
import { describeMachine, markdownTable, percentile, writeSection } from './lib/report.mjs';
import { sampleTree, usageBetween } from './lib/proc-usage.mjs';
import { freePort, repoRoot, startStack } from '../scripts/lib/stack.mjs';

const require = createRequire(import.meta.url);
const { startBed, createLogger } = require('../apps/bedside-sim/dist/index.js');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const sizes = arg('sizes', '8,16,32,64').split(',').map(Number);
const seconds = Number(arg('seconds', '20'));
const withVideo = process.argv.includes('--video');
const CLINICIAN = { email: 'dr.ada@demo.teleconsult', password: 'consult-demo-2026' };
const ADMIN = { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' };

const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-icu-bench-'));
const stack = await startStack({
  apiPort: await freePort(),
  rtcPortBase: 0,
  dataDir,
  quiet: true,
  logLevel: 'warn',
  // No onset delay: the alarm latency measured is the pipeline's, not the deliberate 5 s filter.
  env: { DEMO_BEDS: '0', ICU_ONSET_DELAY_MS: '0' },
});
const [sfuProcess, apiProcess] = stack.children;
const browserServer = await chromium.launchServer({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
const browserPid = browserServer.process().pid;
const browser = await chromium.connect(browserServer.wsEndpoint());

async function call(method, path, token, body) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function enrol(adminToken, beds) {
  const ward = await call('POST', '/api/icu/wards', adminToken, { name: `Bench ${beds} beds` });
  const enrolled = [];
  for (let i = 1; i <= beds; i += 1) {
    const bed = await call('POST', `/api/icu/wards/${ward.id}/beds`, adminToken, { label: `Bed ${i}` });
    const { deviceToken } = await call('POST', `/api/icu/beds/${bed.id}/device-token`, adminToken);
    enrolled.push({ bedId: bed.id, deviceToken });
  }
  // Only a ward's staff may watch it.
  const clinician = (await call('GET', '/api/admin/clinicians', adminToken)).find(
    (c) => c.email === CLINICIAN.email,
  );
  await call('POST', `/api/icu/wards/${ward.id}/staff`, adminToken, { userId: clinician.id });
  return { wardId: ward.id, beds: enrolled };
}

/** Times each alarm's arrival at a station socket; the simulator times each threshold crossing. */
async function alarmObserver(accessToken, wardId) {
  const socket = io(`${stack.apiUrl}/station`, { auth: { accessToken }, transports: ['websocket'] });
  const raised = new Map();
  socket.on('notification', (n) => {
    if (n.type === 'bed:alarms' && n.event?.type === 'raised' && !raised.has(`${n.bedId}/${n.event.key}`))
      raised.set(`${n.bedId}/${n.event.key}`, Date.now());
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = await socket.emitWithAck('ward:subscribe', { wardId });
  if (!ack.ok) throw new Error(JSON.stringify(ack.error));
  return { raised, close: () => socket.close() };
}

const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '–');
const rows = [];
const chart = [];
const adminToken = (await call('POST', '/api/auth/login', undefined, ADMIN)).accessToken;
const clinicianToken = (await call('POST', '/api/auth/login', undefined, CLINICIAN)).accessToken;

try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(stack.apiUrl);
  await page.getByTestId('login-email').fill(CLINICIAN.email);
  await page.getByTestId('login-password').fill(CLINICIAN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-nav-station').waitFor();

  for (const size of sizes) {
    process.stdout.write(`${size} beds: enrolling…\n`);
    const ward = await enrol(adminToken, size);
    const observer = await alarmObserver(clinicianToken, ward.wardId);
    // One bed in four desaturates (SpO2 below 90 % after 10–25 s), the rest are stable.
    const crossings = [];
    const runners = ward.beds.map((bed, i) => {
      const desaturating = i % 4 === 3;
      const runner = startBed({
        apiUrl: stack.apiUrl,
        deviceToken: bed.deviceToken,
        scenario: desaturating ? 'desaturation' : 'stable',
        seed: i + 1,
        delaySeconds: desaturating ? i % 16 : 0,
        video: withVideo ? { fps: 10 } : false,
        logger: createLogger('error'),
        crossings: [{ vital: 'spo2', below: 90 }],
      });
      runner.onCrossing((c) => crossings.push(c));
      return runner;
    });
    await Promise.all(runners.map((r) => r.welcomed));
    await page.goto(`${stack.apiUrl}/station/${ward.wardId}`);
    await page.waitForFunction(
      (n) => window.__station && window.__station.beds().filter((b) => b.waveformMessages > 0).length === n,
      size,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(3_000); // settle: every consumer open, first alarms out of the way
    await page.evaluate(() => window.__station.takeWaveformLatencies());

    const received0 = await page.evaluate(() =>
      window.__station.beds().reduce((s, b) => s + b.waveformMessages, 0),
    );
    const sent0 = runners.reduce((s, r) => s + r.counters().blocksSent, 0);
    // Fluidity: animation frames the page manages, and main-thread tasks over 50 ms.
    await page.evaluate(() => {
      const probe = { frames: 0, longTasks: 0, running: true };
      window.__fluidity = probe;
      const count = () => {
        probe.frames += 1;
        if (probe.running) requestAnimationFrame(count);
      };
      requestAnimationFrame(count);
      new PerformanceObserver((list) => (probe.longTasks += list.getEntries().length)).observe({
        type: 'longtask',
      });
    });
    const api0 = sampleTree(apiProcess.pid);
    const sfu0 = sampleTree(sfuProcess.pid);
    const sim0 = sampleTree(process.pid, { withChildren: false });
    const browser0 = sampleTree(browserPid);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const api1 = sampleTree(apiProcess.pid);
    const sfu1 = sampleTree(sfuProcess.pid);
    const sim1 = sampleTree(process.pid, { withChildren: false });
    const browser1 = sampleTree(browserPid);
    const sent1 = runners.reduce((s, r) => s + r.counters().blocksSent, 0);
    // Blocks in flight at the end are at most ~one per bed; wait for them before counting.
    await page.waitForTimeout(300);
    const received1 = await page.evaluate(() =>
      window.__station.beds().reduce((s, b) => s + b.waveformMessages, 0),
    );
    const latencies = await page.evaluate(() => window.__station.takeWaveformLatencies());
    const fluidity = await page.evaluate(() => {
      window.__fluidity.running = false;
      return { frames: window.__fluidity.frames, longTasks: window.__fluidity.longTasks };
    });
    const fps = fluidity.frames / (seconds + 0.3);

    const alarmLatencies = crossings
      .filter((c) => c.sent)
      .map((c) => observer.raised.get(`${c.bedId}/spo2`) - c.at)
      .filter((v) => Number.isFinite(v));
    const sent = sent1 - sent0;
    const received = received1 - received0;
    const api = usageBetween(api0, api1);
    const sfu = usageBetween(sfu0, sfu1);
    const sim = usageBetween(sim0, sim1);
    const chrome = usageBetween(browser0, browser1);
    const row = {
      size,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      alarmP50: percentile(alarmLatencies, 50),
      alarmMax: alarmLatencies.length ? Math.max(...alarmLatencies) : Number.NaN,
      alarms: alarmLatencies.length,
      api,
      sfu,
      sent,
      dropped: Math.max(0, sent - received),
      fps,
      longTasks: fluidity.longTasks,
      sim,
      chrome,
    };
    chart.push(row);
    rows.push([
      String(size),
      ms(row.p50),
      ms(row.p95),
      ms(row.p99),
      `${ms(row.alarmP50)} / ${ms(row.alarmMax)} (${row.alarms})`,
      `${api.cpuPercent.toFixed(0)} % · ${api.rssMiB.toFixed(0)} MiB`,
      `${sfu.cpuPercent.toFixed(0)} % · ${sfu.rssMiB.toFixed(0)} MiB`,
      `${row.dropped} of ${sent} (${((100 * row.dropped) / Math.max(1, sent)).toFixed(2)} %)`,
      `${fps.toFixed(0)} fps · ${row.longTasks}`,
      `${sim.cpuPercent.toFixed(0)} % / ${chrome.cpuPercent.toFixed(0)} %`,
    ]);
    process.stdout.write(
      `${size} beds: waveform p50 ${ms(row.p50)} p95 ${ms(row.p95)} p99 ${ms(row.p99)}, alarm median ${ms(row.alarmP50)}, api ${api.cpuPercent.toFixed(0)} %, sfu ${sfu.cpuPercent.toFixed(0)} %, dropped ${row.dropped}/${sent}, page ${fps.toFixed(0)} fps ${row.longTasks} long tasks, simulator ${sim.cpuPercent.toFixed(0)} %, chromium ${chrome.cpuPercent.toFixed(0)} %, load ${loadavg()[0].toFixed(1)}\n`,
    );

    await page.goto(`${stack.apiUrl}/station`, { waitUntil: 'commit' });
    observer.close();
    await Promise.all(runners.map((r) => r.stop()));
  }
} finally {
  await browser.close();
  await browserServer.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const table = markdownTable(
  [
    'beds',
    'waveform p50',
    'waveform p95',
    'waveform p99',
    'alarm latency median / max (alarms)',
    'api CPU · RSS',
    'SFU CPU · RSS',
    'waveform blocks dropped',
    'station page fps · long tasks',
    'simulator / Chromium CPU',
  ],
  rows,
);
const mermaid = [
  '```mermaid',
  'xychart-beta',
  '  title "Waveform delivery latency (ms) by beds on the station"',
  `  x-axis [${chart.map((r) => r.size).join(', ')}]`,
  '  y-axis "ms"',
  `  line [${chart.map((r) => Math.round(r.p50)).join(', ')}]`,
  `  line [${chart.map((r) => Math.round(r.p95)).join(', ')}]`,
  `  line [${chart.map((r) => Math.round(r.p99)).join(', ')}]`,
  '```',
].join('\n');
console.log(`\n${table}\n`);
writeSection(
  repoRoot,
  `Remote ICU: beds on one central station${withVideo ? ' (with bed video)' : ''}`,
  `Command: \`node bench/icu-station.mjs --sizes ${sizes.join(',')} --seconds ${seconds}${withVideo ? ' --video' : ''}\` (simulator, api, SFU and the station page in headless Chromium on one machine, loopback, SQLite).
Machine: ${describeMachine()}.
Run on ${new Date().toISOString().slice(0, 10)}.

Each bed sends numerics every second and a 40 ms waveform block (ECG 250 Hz, pleth 125 Hz, respiration 25 Hz) 25 times a second${withVideo ? ', and a two-layer VP8 camera at 10 fps' : '; bed video is off, so the data path is measured alone (see apps/sfu/src/bed-video/README.md for the camera cost per bed)'}. One bed in four runs the desaturation scenario.

- **Waveform latency**: station receipt of a block (data channel, unordered, no retransmission) minus the time of its last sample, over ${seconds} s; the oldest sample of a block is up to 40 ms older still.
- **Alarm latency**: the simulator's sample that first crossed SpO2 < 90 % (its own timestamp) → the raised alarm arriving at a station socket, with the onset delay set to 0 (in production the 5 s onset delay comes on top, deliberately).
- **CPU** is % of one core (the simulator runs in the benchmark's own process; Chromium includes its GPU and renderer processes) over the window (process and children; the SFU includes its mediasoup workers); RSS at the end.
- **Dropped**: blocks the simulator sent that never reached the station page in the window.
- **Station page**: animation frames per second the page achieved (headless Chromium, software rendering, 1600×1000) and main-thread tasks over 50 ms in the window.

${table}

${mermaid}

Lines: p50, p95, p99.`,
);
