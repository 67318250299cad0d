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
  await app.listen(config.PORT, config.HOST);
  console.warn(
    `Teleconsult api listening on ${config.PUBLIC_URL} (database: ${config.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`,
  );
}

main().catch((error: unknown) => {
  console.error('api failed to start:', error);
  process.exit(1);
});
