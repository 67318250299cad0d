import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SCENARIO_NAMES } from '../scenarios/scenario-types';

/** A bad argument or config file: one line that names the offending field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const bedConfigSchema = z.object({
  bedId: z.string().min(1).max(64),
  deviceToken: z.string().min(16, 'must be at least 16 characters').max(256),
  label: z.string().trim().min(1, 'must not be empty').max(80),
  scenario: z.enum(SCENARIO_NAMES),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  delaySeconds: z.number().finite().min(0).max(86_400).optional(),
  durationSeconds: z.number().finite().positive().max(86_400).optional(),
});
export type BedConfig = z.infer<typeof bedConfigSchema>;

/** beds.json, as the api's demo seed writes it to DATA_DIR/demo-bedside.json. */
export const simConfigSchema = z.object({
  beds: z
    .array(bedConfigSchema)
    .min(1, 'list at least one bed')
    .max(256)
    .superRefine((beds, context) => {
      const seen = new Set<string>();
      beds.forEach((bed, index) => {
        if (seen.has(bed.deviceToken))
          context.addIssue({ code: 'custom', message: 'used by two beds', path: [index, 'deviceToken'] });
        seen.add(bed.deviceToken);
      });
    }),
});
export type SimConfig = z.infer<typeof simConfigSchema>;

export const cliOptionsSchema = z.object({
  api: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://127.0.0.1:3000' }),
  config: z.string().min(1, 'give --config <beds.json> or set BEDSIDE_SIM_CONFIG'),
  video: z.boolean(),
  scale: z.coerce.number().finite().positive().max(10_000),
  vitalsMs: z.coerce.number().int().min(100).max(60_000),
  blockMs: z.coerce
    .number()
    .int()
    .refine((ms) => ms > 0 && ms <= 1_000 && ms % 40 === 0, 'must be a multiple of 40 up to 1000'),
  fps: z.coerce.number().int().min(1).max(30),
});
export type CliOptions = z.infer<typeof cliOptionsSchema>;

/** `beds[2].scenario: Invalid option...`: the path as one would write it in code. */
export function describeIssue(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0]!;
  const path = issue.path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`))
    .join('');
  return `${prefix}${path || '(root)'}: ${issue.message}`;
}

export function parseSimConfig(value: unknown, source = 'config'): SimConfig {
  const parsed = simConfigSchema.safeParse(value);
  if (!parsed.success) throw new ConfigError(describeIssue(parsed.error, `${source}: `));
  return parsed.data;
}

export async function loadSimConfig(path: string): Promise<SimConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `config ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config ${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseSimConfig(value, path);
}
