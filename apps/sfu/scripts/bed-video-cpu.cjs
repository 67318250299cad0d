// Measures the CPU one bed's ffmpeg (and the mediasoup worker) takes, for N beds at once.
// Usage: npm run build -w @teleconsult/sfu && node apps/sfu/scripts/bed-video-cpu.cjs [beds] [fps] [layers] [vp8Speed]
// layers: 3 (160x90/320x180/640x360, default), 2 (160x90/320x180) or 1 (160x90).
const { readFileSync } = require('node:fs');
const { io } = require('socket.io-client');
const { startSfu, loadSfuConfig, startBedVideo, DEFAULT_BED_VIDEO_LAYERS } = require('../dist/index.js');

const beds = Number(process.argv[2] ?? 1);
const fps = Number(process.argv[3] ?? 15);
const layerCount = Number(process.argv[4] ?? 3);
const vp8Speed = Number(process.argv[5] ?? 16);
const SECONDS = 10;
const TICKS = 100; // USER_HZ on Linux

const cpuTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};

(async () => {
  const secret = 'bench-secret-bench-secret-bench-secret-01';
  const sfu = await startSfu(
    loadSfuConfig({
      SFU_SECRET: secret,
      SFU_RPC_PORT: '0',
      SFU_RTC_PORT_BASE: '0',
      SFU_NUM_WORKERS: '1',
      LOG_LEVEL: 'silent',
    }),
  );
  const socket = io(sfu.rpcUrl, { auth: { secret }, transports: ['websocket'], reconnection: false });
  await new Promise(
    (resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)),
  );
  const rpc = {
    request: async (name, payload) => {
      const ack = await socket.emitWithAck(name, payload);
      if (!ack.ok) throw new Error(`${name}: ${ack.error.message}`);
      return ack.data;
    },
  };
  const layers = DEFAULT_BED_VIDEO_LAYERS.slice(0, layerCount);
  const videos = [];
  for (let i = 1; i <= beds; i += 1)
    videos.push(
      await startBedVideo({
        rpc,
        roomId: 'ward',
        peerId: `bed-${i}`,
        label: `Bed ${i}`,
        fps,
        layers,
        vp8Speed,
      }),
    );
  await new Promise((r) => setTimeout(r, 2000)); // past start-up
  const workerPid = sfu.pool.all()[0].worker.pid;
  const pids = [...videos.map((v) => v.pid), workerPid, process.pid];
  const before = pids.map(cpuTicks);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const used = pids.map((pid, i) => (cpuTicks(pid) - before[i]) / TICKS / SECONDS);
  const ffmpeg = used.slice(0, beds);
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(
    JSON.stringify({
      beds,
      fps,
      vp8Speed,
      layers: layers.map((l) => `${l.width}x${l.height}@${l.bitrateKbps}k`),
      ffmpegPerBed: ffmpeg.map(pct),
      ffmpegMean: pct(ffmpeg.reduce((a, b) => a + b, 0) / beds),
      mediasoupWorker: pct(used[beds]),
      nodeHostWithRelay: pct(used[beds + 1]),
      loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    }),
  );
  for (const v of videos) await v.stop();
  socket.close();
  await sfu.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
