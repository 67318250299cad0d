import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

export const sfuConfigSchema = z.object({
  SFU_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)'),
  SFU_RPC_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests). */
  SFU_RPC_PORT: port.default(4000),
  SFU_NUM_WORKERS: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  SFU_LISTEN_IP: z.ipv4().or(z.ipv6()).default('127.0.0.1'),
  SFU_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
  /** Worker i listens on UDP and TCP port base + i; 0 picks free ports (tests, several stacks). */
  SFU_RTC_PORT_BASE: port.default(40000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type SfuConfig = z.infer<typeof sfuConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; the error names every offending variable. */
export function loadSfuConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): SfuConfig {
  const picked = Object.fromEntries(Object.keys(sfuConfigSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = sfuConfigSchema.safeParse(picked);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid SFU configuration — ${problems.join('; ')}`);
  }
  return result.data;
}
