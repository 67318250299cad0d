import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Stack {
  apiUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts the real stack once for all browser tests: the same launcher `npm start` uses, on
 * free ports and a throwaway data directory, with demo accounts seeded.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const { startStack, freePort } = (await import('../../scripts/lib/stack.mjs')) as {
    startStack: (options: Record<string, unknown>) => Promise<Stack>;
    freePort: () => Promise<number>;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-e2e-'));
  const apiPort = await freePort();
  const stack = await startStack({
    apiPort,
    rtcPortBase: 0,
    dataDir,
    demo: true,
    quiet: !process.env.E2E_VERBOSE,
    logLevel: 'warn',
    // Demo hours are 07:00–21:00 London: the next bookable slot is always within a day, so let
    // its patient link open a day early and the whole booking flow can run now.
    env: { LINK_OPENS_BEFORE_MINUTES: '1440' },
  });
  process.env.E2E_BASE_URL = stack.apiUrl;
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
