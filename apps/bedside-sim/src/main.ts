import { parseCli } from './config/parse-cli';
import { loadSimConfig } from './config/sim-config';
import { createLogger } from './logger';
import { startBeds } from './start-beds';

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const config = await loadSimConfig(cli.config);
  const log = createLogger();
  const fleet = startBeds(config.beds, {
    apiUrl: cli.api,
    scale: cli.scale,
    vitalsIntervalMs: cli.vitalsMs,
    waveformBlockMs: cli.blockMs,
    video: cli.video ? { fps: cli.fps } : false,
    logger: log,
  });
  log.info(
    { beds: config.beds.length, api: cli.api, video: cli.video, scale: cli.scale },
    'bedside simulator started',
  );
  const report = setInterval(() => log.info(fleet.totals(), 'totals'), 30_000);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping all beds');
    clearInterval(report);
    // A bed that hangs in its stop must not keep the process alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    void fleet.stop().then(() => {
      log.info(fleet.totals(), 'stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`bedside-sim: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
