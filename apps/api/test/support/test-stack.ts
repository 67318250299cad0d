import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type RunningSfu, loadSfuConfig, startSfu } from '@teleconsult/sfu';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadApiConfig } from '../../src/config/api-config';

export const SECRET = 'api-e2e-secret-api-e2e-secret-api-e2e-0001';
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Driver = 'sqlite' | 'postgres';

export interface TestStack {
  app: NestExpressApplication;
  url: string;
  sfu: RunningSfu;
  close(): Promise<void>;
}

/** Real app + real SFU + a real database: a temp SQLite file, or a throwaway PostgreSQL schema. */
export async function startTestStack(driver: Driver, env: Record<string, string> = {}): Promise<TestStack> {
  const sfu = await startSfu(
    loadSfuConfig({
      SFU_SECRET: SECRET,
      SFU_RPC_PORT: '0',
      SFU_RTC_PORT_BASE: '0',
      SFU_NUM_WORKERS: '1',
      LOG_LEVEL: 'silent',
    }),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-api-'));
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (driver === 'postgres') await adminQuery(`CREATE SCHEMA ${schema}`);
  const config = loadApiConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JWT_SECRET: SECRET,
    SFU_SECRET: SECRET,
    SFU_URL: sfu.rpcUrl,
    DEMO_MODE: 'true',
    // The demo ICU ward (simulated beds) only where a test asks for it.
    DEMO_BEDS: '0',
    LOG_LEVEL: 'silent',
    ...(driver === 'postgres' ? { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } : {}),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  await waitForSfu(url);
  return {
    app,
    url,
    sfu,
    close: async () => {
      await app.close();
      await sfu.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (driver === 'postgres') await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForSfu(url: string): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    const health = (await fetch(`${url}/api/health`).then((r) => r.json())) as { sfu: string };
    if (health.sfu === 'up') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('api never reached the SFU');
}
