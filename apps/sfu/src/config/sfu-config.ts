import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** An executable regular file: a wrong path must stop start-up here, not at the first createWorker. */
const executableFile = z.string().refine((path) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}, 'must be the path of an executable mediasoup-worker binary');

const sfuEnvSchema = z.object({
  SFU_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)'),
  SFU_RPC_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests). */
  SFU_RPC_PORT: port.default(4000),
  SFU_NUM_WORKERS: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  SFU_LISTEN_IP: z.ipv4().or(z.ipv6()).default('127.0.0.1'),
  SFU_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
  /** Worker i listens on UDP and TCP port base + i; 0 picks free ports (tests, several stacks). */
  SFU_RTC_PORT_BASE: port.default(40000),
  /** The SFU's own level wins over the LOG_LEVEL shared with the api when both are set. */
  SFU_LOG_LEVEL: logLevel.optional(),
  LOG_LEVEL: logLevel.default('info'),
  /** Unset: mediasoup's own binary (node_modules/mediasoup/worker/out/Release). */
  MEDIASOUP_WORKER_BIN: executableFile.optional(),
});

export type SfuConfig = Omit<z.infer<typeof sfuEnvSchema>, 'SFU_LOG_LEVEL'>;

export class ConfigError extends Error {}

/** Parses the environment; the error names every offending variable. */
export function loadSfuConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): SfuConfig {
  const picked = Object.fromEntries(
    Object.keys(sfuEnvSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const result = sfuEnvSchema.safeParse(picked);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid SFU configuration — ${problems.join('; ')}`);
  }
  const { SFU_LOG_LEVEL, ...config } = result.data;
  return { ...config, LOG_LEVEL: SFU_LOG_LEVEL ?? config.LOG_LEVEL };
}
