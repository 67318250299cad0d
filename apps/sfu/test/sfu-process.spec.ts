import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { connectRpc, TEST_SECRET } from './support/sfu-harness';

/** Runs src/main.ts as its own process, compiled on the fly by SWC (what jest uses too). */
const swcHook = `
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
require(process.argv[1]);
`;

const children: ChildProcess[] = [];

function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-e', swcHook, join(__dirname, '../src/main.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the SFU process', () => {
  it('refuses to start with a message naming the wrong variable', async () => {
    const run = runMain({ SFU_SECRET: TEST_SECRET, SFU_RPC_PORT: 'not-a-port' });
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toMatch(/SFU_RPC_PORT/);
  });

  it('serves the RPC once ready and exits cleanly on SIGTERM', async () => {
    const run = runMain({
      SFU_SECRET: TEST_SECRET,
      SFU_RPC_PORT: '0',
      SFU_RTC_PORT_BASE: '0',
      SFU_NUM_WORKERS: '1',
    });
    const ready = await new Promise<{ rpcPort: number }>((resolve, reject) => {
      run.child.stdout?.on('data', () => {
        const line = run
          .output()
          .stdout.split('\n')
          .find((l) => l.includes('"SFU ready"'));
        if (line) resolve(JSON.parse(line) as { rpcPort: number });
      });
      void run.exited.then((code) => reject(new Error(`exited ${code}: ${run.output().stderr}`)));
    });
    const rpc = await connectRpc(`http://127.0.0.1:${ready.rpcPort}`);
    const status = await rpc.ok('sfu:status', {});
    expect(status.workers).toHaveLength(1);
    const workerPid = status.workers[0]!.pid;
    rpc.close();

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toMatch(/SFU shutting down/);
    // The worker subprocess went with it.
    expect(() => process.kill(workerPid, 0)).toThrow();
  });
});
