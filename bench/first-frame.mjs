// Time from opening the patient link to the first decoded remote video frame, on loopback.
// A clinician (one browser context) waits in the consult; each run opens the patient link in
// a fresh context, joins and stops the clock when the clinician's video is first decoded.
// Usage: node bench/first-frame.mjs [--runs 15]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from './lib/chromium.mjs';
import { describeMachine, markdownTable, percentile, writeSection } from './lib/report.mjs';
import { freePort, repoRoot, startStack } from '../scripts/lib/stack.mjs';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg === -1 ? 15 : Number(process.argv[runsArg + 1]);

const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-bench-'));
const stack = await startStack({ apiPort: await freePort(), rtcPortBase: 0, dataDir, quiet: true, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });

try {
  const login = await fetch(`${stack.apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'dr.ada@demo.teleconsult', password: 'consult-demo-2026' }),
  }).then((r) => r.json());

  const clinicianContext = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const clinician = await clinicianContext.newPage();
  await clinician.goto(stack.apiUrl);
  await clinician.getByTestId('login-email').fill('dr.ada@demo.teleconsult');
  await clinician.getByTestId('login-password').fill('consult-demo-2026');
  await clinician.getByTestId('login-submit').click();
  // The session exists once the dashboard shows; navigating earlier would drop the sign-in.
  await clinician.getByTestId('create-consult-submit').waitFor();

  const samples = [];
  const joinToFrame = [];
  for (let run = 0; run < runs; run += 1) {
    // A fresh consult per run so every patient meets a clinician who is already publishing.
    const created = await fetch(`${stack.apiUrl}/api/consults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({ title: `Bench ${run}`, patientName: 'Bench Patient' }),
    }).then((r) => r.json());
    await clinician.goto(`${stack.apiUrl}/consults/${created.consult.id}`);
    await clinician.getByTestId('connection-state').and(clinician.locator('[data-state="connected"]')).waitFor();

    const patientContext = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const patient = await patientContext.newPage();
    const opened = Date.now();
    await patient.goto(created.patientLink.url);
    await patient.getByTestId('join-name').fill('Bench Patient');
    await patient.getByTestId('local-preview').waitFor();
    const joinClicked = Date.now();
    await patient.getByTestId('join-submit').click();
    // requestVideoFrameCallback fires when a frame is presented, i.e. decoded and composited.
    const firstFrameAt = await patient.evaluate(
      () =>
        new Promise((resolve) => {
          const watch = () => {
            const video = document.querySelector('[data-testid="remote-video"]');
            if (!video) return setTimeout(watch, 5);
            video.requestVideoFrameCallback(() => resolve(performance.timeOrigin + performance.now()));
          };
          watch();
        }),
    );
    samples.push(firstFrameAt - opened);
    joinToFrame.push(firstFrameAt - joinClicked);
    process.stdout.write(`run ${run + 1}/${runs}: ${Math.round(firstFrameAt - opened)} ms\n`);
    await patientContext.close();
  }

  const round = (v) => `${Math.round(v)} ms`;
  const rows = [
    ['link opened → first remote frame', round(percentile(samples, 50)), round(percentile(samples, 95)), round(Math.min(...samples)), round(Math.max(...samples))],
    ['"Join" clicked → first remote frame', round(percentile(joinToFrame, 50)), round(percentile(joinToFrame, 95)), round(Math.min(...joinToFrame)), round(Math.max(...joinToFrame))],
  ];
  const table = markdownTable(['measure', 'median', 'p95', 'min', 'max'], rows);
  console.log(`\n${table}\n`);
  writeSection(
    repoRoot,
    'Patient link → first decoded remote video frame',
    `Command: \`node bench/first-frame.mjs --runs ${runs}\` (${runs} runs, loopback, SQLite, fake camera in headless Chromium).\nMachine: ${describeMachine()}.\nRun on ${new Date().toISOString().slice(0, 10)}.\n\nThe "link opened" figure includes loading the web app, the link check, camera preview and the join; "Join clicked" isolates signalling + ICE/DTLS + the first keyframe.\n\n${table}`,
  );
  await clinicianContext.close();
} finally {
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
