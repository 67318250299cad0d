import { parseArgs } from 'node:util';
import { ConfigError, type CliOptions, cliOptionsSchema, describeIssue } from './sim-config';

export const USAGE =
  'usage: bedside-sim --api http://127.0.0.1:3000 --config beds.json [--no-video] [--scale 1] ' +
  '[--vitals-ms 1000] [--block-ms 40] [--fps 10]';

/** Arguments, then BEDSIDE_SIM_* variables, then defaults; validated as one object. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        api: { type: 'string' },
        config: { type: 'string' },
        'no-video': { type: 'boolean' },
        scale: { type: 'string' },
        'vitals-ms': { type: 'string' },
        'block-ms': { type: 'string' },
        fps: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) throw new ConfigError(USAGE);
  const parsed = cliOptionsSchema.safeParse({
    api: values.api ?? env.BEDSIDE_SIM_API ?? '',
    config: values.config ?? env.BEDSIDE_SIM_CONFIG ?? '',
    video: !values['no-video'] && env.BEDSIDE_SIM_VIDEO !== 'false',
    scale: values.scale ?? env.BEDSIDE_SIM_SCALE ?? 1,
    vitalsMs: values['vitals-ms'] ?? 1_000,
    blockMs: values['block-ms'] ?? 40,
    fps: values.fps ?? 10,
  });
  if (!parsed.success)
    throw new ConfigError(
      describeIssue(parsed.error, '--').replace(/^--(vitalsMs|blockMs)/, (_, key: string) =>
        key === 'vitalsMs' ? '--vitals-ms' : '--block-ms',
      ),
    );
  return parsed.data;
}
