// Imaging stream quality and glass-to-glass latency on loopback. The clinician shares an imaging
// source: a canvas of the given size that draws a frame counter as 16 black/white blocks (and fine
// detail) 30 times a second, remembering when each counter value was drawn. The patient's browser
// reads the counter back from every presented frame of the received imaging <video>
// (requestVideoFrameCallback) — latency is "drawn on the sender's canvas" → "presented at the
// receiver", both on the same machine clock. Resolution, frame rate and bitrate come from the
// receiver's getStats.
// Usage: node bench/imaging-stream.mjs [--seconds 20] [--sizes 1280x720,1920x1080]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from './lib/chromium.mjs';
import { describeMachine, markdownTable, percentile, writeSection } from './lib/report.mjs';
import { freePort, repoRoot, startStack } from '../scripts/lib/stack.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const seconds = Number(arg('seconds', '20'));
const sizes = arg('sizes', '1280x720,1920x1080')
  .split(',')
  .map((s) => s.split('x').map(Number));

/** Runs in the sender page: getDisplayMedia returns the counter canvas. */
function canvasSource([w, h]) {
  const sent = new Map();
  window.__imagingSource = { sent };
  navigator.mediaDevices.getDisplayMedia = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const context = canvas.getContext('2d');
    let counter = 0;
    const block = Math.floor(w / 20);
    const draw = () => {
      counter = (counter + 1) & 0xffff;
      context.fillStyle = '#101418';
      context.fillRect(0, 0, w, h);
      context.strokeStyle = '#3a4a52';
      for (let x = 0.5; x < w; x += 8) {
        context.beginPath();
        context.moveTo(x, 60);
        context.lineTo(x, h);
        context.stroke();
      }
      context.fillStyle = '#d8e0e4';
      context.font = '14px monospace';
      context.fillText(`imaging source ${w}x${h} frame ${counter}`, 20, 90);
      context.fillStyle = '#6fd0ff';
      context.fillRect((counter * 4) % w, h / 2 - 30, 6, 60);
      for (let bit = 0; bit < 16; bit += 1) {
        context.fillStyle = counter & (1 << (15 - bit)) ? '#ffffff' : '#000000';
        context.fillRect(bit * block + block / 2, 0, block, 48);
      }
      sent.set(counter, performance.timeOrigin + performance.now());
    };
    draw();
    setInterval(draw, 1000 / 30);
    return canvas.captureStream(30);
  };
}

/** Runs in the receiver page: reads the counter from each presented imaging frame for `ms`. */
function readCounters([ms, w]) {
  return new Promise((resolve) => {
    const video = document.querySelector('[data-testid="imaging-video"]');
    const canvas = document.createElement('canvas');
    const block = Math.floor(w / 20);
    canvas.width = 16 * block + block;
    canvas.height = 48;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const frames = [];
    const end = performance.now() + ms;
    const onFrame = (now, meta) => {
      const presentedAt = performance.timeOrigin + (meta.expectedDisplayTime ?? now);
      context.drawImage(video, 0, 0, canvas.width, 48, 0, 0, canvas.width, 48);
      let value = 0;
      for (let bit = 0; bit < 16; bit += 1) {
        const [r, g, b] = context.getImageData(bit * block + block, 24, 1, 1).data;
        if (r + g + b > 3 * 128) value |= 1 << (15 - bit);
      }
      frames.push({ counter: value, presentedAt, width: meta.width, height: meta.height });
      if (performance.now() < end) video.requestVideoFrameCallback(onFrame);
      else resolve(frames);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/**
 * Inbound stats of the imaging stream at the receiver: the inbound video whose track the page's
 * imaging view shows (the camera's top simulcast layer can have the same size, so size won't do).
 */
function imagingStats() {
  return (async () => {
    const shown = document.querySelector('[data-testid="imaging-video"]')?.srcObject;
    const trackId = shown instanceof MediaStream ? shown.getVideoTracks()[0]?.id : undefined;
    let best = null;
    for (const pc of window.__peerConnections ?? []) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video' || s.trackIdentifier !== trackId) return;
        if (!best || (s.frameWidth ?? 0) > best.frameWidth)
          best = {
            frameWidth: s.frameWidth ?? 0,
            frameHeight: s.frameHeight ?? 0,
            framesDecoded: s.framesDecoded ?? 0,
            bytesReceived: s.bytesReceived ?? 0,
            at: s.timestamp,
          };
      });
    }
    return best;
  })();
}

const trackConnections = () => {
  const Native = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config) {
      super(config);
      window.__peerConnections.push(this);
    }
  };
};

const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-bench-'));
const stack = await startStack({
  apiPort: await freePort(),
  rtcPortBase: 0,
  dataDir,
  quiet: true,
  logLevel: 'warn',
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: chromiumArgs,
});
const rows = [];

try {
  const login = await fetch(`${stack.apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'dr.ada@demo.teleconsult', password: 'consult-demo-2026' }),
  }).then((r) => r.json());

  for (const [width, height] of sizes) {
    const created = await fetch(`${stack.apiUrl}/api/consults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({ title: `Imaging bench ${width}x${height}`, patientName: 'Bench Patient' }),
    }).then((r) => r.json());

    const clinicianContext = await browser.newContext({
      permissions: ['camera', 'microphone'],
      viewport: { width: 1440, height: 900 },
    });
    const clinician = await clinicianContext.newPage();
    await clinician.addInitScript(canvasSource, [width, height]);
    await clinician.goto(stack.apiUrl);
    await clinician.getByTestId('login-email').fill('dr.ada@demo.teleconsult');
    await clinician.getByTestId('login-password').fill('consult-demo-2026');
    await clinician.getByTestId('login-submit').click();
    await clinician.getByTestId('create-consult-submit').waitFor();
    await clinician.goto(`${stack.apiUrl}/consults/${created.consult.id}`);
    await clinician
      .locator('[data-testid="connection-state"][data-state="connected"]')
      .waitFor({ timeout: 60_000 });

    const patientContext = await browser.newContext({
      permissions: ['camera', 'microphone'],
      viewport: { width: 1440, height: 900 },
    });
    const patient = await patientContext.newPage();
    await patient.addInitScript(trackConnections);
    await patient.goto(created.patientLink.url);
    await patient.getByTestId('join-name').fill('Bench Patient');
    await patient.getByTestId('local-preview').waitFor();
    await patient.getByTestId('join-submit').click();
    await clinician.getByTestId('admit-patient').click({ timeout: 60_000 });
    await patient
      .locator('[data-testid="connection-state"][data-state="connected"]')
      .waitFor({ timeout: 60_000 });

    await clinician.getByTestId('imaging-share').click();
    await clinician.getByRole('menuitem', { name: /Screen or window/ }).click();
    await patient.getByTestId('imaging-video').waitFor({ timeout: 60_000 });
    // Let the bandwidth estimate ramp up before measuring (a still image must be sharp, not first).
    await patient.waitForTimeout(5_000);

    const statsBefore = await patient.evaluate(imagingStats);
    const [frames] = await Promise.all([patient.evaluate(readCounters, [seconds * 1000, width])]);
    const statsAfter = await patient.evaluate(imagingStats);
    const sent = await clinician.evaluate(() => Object.fromEntries(window.__imagingSource.sent));

    const latencies = [];
    for (const frame of frames) {
      const drawnAt = sent[frame.counter];
      if (drawnAt !== undefined && frame.presentedAt >= drawnAt && frame.presentedAt - drawnAt < 5_000)
        latencies.push(frame.presentedAt - drawnAt);
    }
    const fullRes = frames.filter((f) => f.width === width && f.height === height).length;
    const elapsed = (statsAfter.at - statsBefore.at) / 1000;
    const fps = (statsAfter.framesDecoded - statsBefore.framesDecoded) / elapsed;
    const mbps = ((statsAfter.bytesReceived - statsBefore.bytesReceived) * 8) / elapsed / 1e6;
    const row = {
      size: `${width}×${height}`,
      received: `${statsAfter.frameWidth}×${statsAfter.frameHeight}`,
      held: `${((100 * fullRes) / Math.max(1, frames.length)).toFixed(0)}% of ${frames.length} frames`,
      fps: fps.toFixed(1),
      mbps: mbps.toFixed(2),
      p50: `${Math.round(percentile(latencies, 50))} ms`,
      p95: `${Math.round(percentile(latencies, 95))} ms`,
      decoded: `${latencies.length}/${frames.length}`,
    };
    rows.push(row);
    console.log(row);
    await patientContext.close();
    await clinicianContext.close();
  }

  const table = markdownTable(
    [
      'source',
      'received (getStats)',
      'full resolution held',
      'frame rate',
      'bitrate',
      'glass-to-glass median',
      'p95',
      'frames with a readable counter',
    ],
    rows.map((r) => [r.size, r.received, r.held, `${r.fps} fps`, `${r.mbps} Mbps`, r.p50, r.p95, r.decoded]),
  );
  console.log(`\n${table}\n`);
  writeSection(
    repoRoot,
    'Imaging stream: resolution, frame rate and glass-to-glass latency',
    `Command: \`node bench/imaging-stream.mjs --seconds ${seconds} --sizes ${sizes.map((s) => s.join('x')).join(',')}\` (loopback, SQLite, headless Chromium; clinician publishes the imaging source, patient receives; each row measures ${seconds} s after a 5 s ramp-up).\nMachine: ${describeMachine()}.\nRun on ${new Date().toISOString().slice(0, 10)}.\n\nThe source is a canvas drawn 30 times a second with a 1-px grid, text and a frame counter as 16 black/white blocks; it is published as the imaging producer (contentHint "detail", one VP9 encoding with L1T3, 8 Mbps ceiling, degradationPreference "maintain-resolution") while both cameras and microphones also flow. Latency runs from drawing a frame on the sender's canvas to the receiver presenting it (requestVideoFrameCallback), read back from the counter in the decoded picture: capture, VP9 encode, SFU, decode and render, on one machine clock. Both browsers, the SFU and the api share the machine's cores, so the encoder competes with the decoder and the figures are upper bounds for two real machines.\n\n${table}`,
  );
} finally {
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
