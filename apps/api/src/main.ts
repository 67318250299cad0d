import { ConfigError, loadApiConfig } from './config/api-config';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  let config;
  try {
    config = loadApiConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  // SIGTERM (docker stop, systemd) and SIGINT close sockets, the SFU client and the database
  // cleanly, then exit 0; a second signal, or a close that hangs, exits at once.
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    console.warn(`api: ${signal} received, shutting down`);
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('api: error while shutting down:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown).once('SIGINT', shutdown);
  await app.listen(config.PORT, config.HOST);
  console.warn(
    `Teleconsult api listening on ${config.PUBLIC_URL} (database: ${config.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`,
  );
}

main().catch((error: unknown) => {
  console.error('api failed to start:', error);
  process.exit(1);
});
