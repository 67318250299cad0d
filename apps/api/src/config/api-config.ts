import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const apiConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'must be a postgres:// URL (leave unset for the embedded SQLite database)',
      )
      .optional(),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lower-case identifier')
      .optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    SFU_URL: z.url().default('http://127.0.0.1:4000'),
    SFU_SECRET: z.string().min(32, 'must be at least 32 characters'),
    DEMO_MODE: bool.default(false),
    WEB_DIST_DIR: z.string().min(1).optional(),
    JOIN_LINK_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    /** An appointment's patient link opens this long before the slot … */
    LINK_OPENS_BEFORE_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(30),
    /** … and closes this long after the slot ends. */
    LINK_GRACE_AFTER_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(60),
    /** Largest image a consult accepts (DICOM, PNG, JPEG). */
    IMAGE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 ** 3)
      .default(100 * 1024 ** 2),
    /** Strip patient identifiers from uploaded DICOM (the consult's pseudonym replaces them). */
    IMAGE_DEIDENTIFY: bool.default(true),
    /** Remote ICU: no sample from a bed for this long raises the high-priority "link lost" alarm. */
    ICU_LINK_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(5_000),
    /** A clinical condition must last this long before its alarm sounds (filters one-sample blips). */
    ICU_ONSET_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    /** An unacknowledged alarm goes up one priority after this long. */
    ICU_ESCALATE_AFTER_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    /** How long "silence" mutes an alarm's sound. */
    ICU_SILENCE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
    /** How often the alarm engine checks for lost links and escalations. */
    ICU_TICK_MS: z.coerce.number().int().min(50).max(10_000).default(250),
    /** Demo mode: how many simulated beds the demo ICU ward gets. */
    DEMO_BEDS: z.coerce.number().int().min(0).max(64).default(8),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    DATA_DIR: resolve(env.DATA_DIR),
  }));

export type ApiConfig = z.output<typeof apiConfigSchema>;
export const API_CONFIG = Symbol('API_CONFIG');

export class ConfigError extends Error {}

/** Parses the environment once; the error names every offending variable. */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const keys = Object.keys(apiConfigSchema.in.shape);
  const picked = Object.fromEntries(keys.map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = apiConfigSchema.safeParse(picked);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid api configuration — ${problems.join('; ')}`);
  }
  return result.data;
}
