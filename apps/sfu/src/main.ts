import { ConfigError, loadSfuConfig } from './config/sfu-config';
import { createLogger } from './logger';
import { startSfu } from './sfu-server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadSfuConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const sfu = await startSfu(config, logger);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'SFU shutting down');
    await sfu.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('SFU failed to start:', error);
  process.exit(1);
});
