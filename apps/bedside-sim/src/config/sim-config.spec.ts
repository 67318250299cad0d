import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from './parse-cli';
import { ConfigError, loadSimConfig, parseSimConfig } from './sim-config';

const bed = (over: Record<string, unknown> = {}) => ({
  bedId: '8d1f5a0e-35a4-4c34-9f55-0d8e2f1f7a01',
  deviceToken: 'device-token-0123456789',
  label: 'ICU-1 Bed 1',
  scenario: 'sepsis',
  ...over,
});

describe('beds.json', () => {
  it('accepts the demo seed shape, ignoring extra fields', () => {
    const config = parseSimConfig({ beds: [bed({ seed: 4, delaySeconds: 30, wardId: 'x' })] });
    expect(config.beds[0]).toEqual(bed({ seed: 4, delaySeconds: 30 }));
  });

  it.each([
    [{ beds: [] }, 'config: beds: list at least one bed'],
    [{ beds: [bed(), bed({ scenario: 'fainting' })] }, 'config: beds[1].scenario: '],
    [
      { beds: [bed({ deviceToken: 'short' })] },
      'config: beds[0].deviceToken: must be at least 16 characters',
    ],
    [{ beds: [bed({ delaySeconds: -5 })] }, 'config: beds[0].delaySeconds: '],
    [{ beds: [bed(), bed({ bedId: 'other' })] }, 'config: beds[1].deviceToken: used by two beds'],
    [{}, 'config: beds: '],
  ])('%j fails naming the field', (value, message) => {
    expect(() => parseSimConfig(value)).toThrow(ConfigError);
    expect(() => parseSimConfig(value)).toThrow(message);
  });

  it('names the file when it is missing or not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bedside-sim-'));
    await expect(loadSimConfig(join(dir, 'none.json'))).rejects.toThrow(
      /none\.json: cannot read it \(ENOENT\)/,
    );
    await writeFile(join(dir, 'bad.json'), '{ beds: ');
    await expect(loadSimConfig(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: not valid JSON/);
    await writeFile(join(dir, 'ok.json'), JSON.stringify({ beds: [bed()] }));
    expect((await loadSimConfig(join(dir, 'ok.json'))).beds).toHaveLength(1);
  });
});

describe('command line', () => {
  it('reads the options, with the config path from BEDSIDE_SIM_CONFIG when not given', () => {
    expect(
      parseCli(['--api', 'http://127.0.0.1:3000', '--no-video', '--scale', '60'], {
        BEDSIDE_SIM_CONFIG: 'b.json',
      }),
    ).toEqual({
      api: 'http://127.0.0.1:3000',
      config: 'b.json',
      video: false,
      scale: 60,
      vitalsMs: 1000,
      blockMs: 40,
      fps: 10,
    });
    expect(parseCli(['--api', 'http://h:3000', '--config', 'x.json'], {}).video).toBe(true);
  });

  it.each([
    [['--config', 'b.json'], '--api: must be an http(s) URL'],
    [['--api', 'ftp://h', '--config', 'b.json'], '--api: must be an http(s) URL'],
    [['--api', 'http://h'], '--config: give --config <beds.json> or set BEDSIDE_SIM_CONFIG'],
    [['--api', 'http://h', '--config', 'b.json', '--scale', '0'], '--scale: '],
    [['--api', 'http://h', '--config', 'b.json', '--block-ms', '50'], '--block-ms: must be a multiple of 40'],
    [['--api', 'http://h', '--config', 'b.json', '--bogus'], "Unknown option '--bogus'"],
  ])('%j fails naming the option', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});
