import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get } from '@nestjs/common';
import { type HealthResponse, healthResponseSchema } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { SfuClient } from '../sfu/sfu-client.service';

const startedAt = Date.now();
// A health probe must answer quickly even when the SFU hangs; requests from calls wait longer.
const SFU_PROBE_TIMEOUT_MS = 1_500;
// src/health and dist/health are both two levels below the package.
const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

@Controller('api/health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sfu: SfuClient,
  ) {}

  @Get()
  @ApiDoc({
    summary: 'Liveness and dependencies (database, SFU) for load balancers and ops',
    tags: ['meta'],
    auth: 'none',
    response: healthResponseSchema,
  })
  async health(): Promise<HealthResponse> {
    const [database, sfu] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.sfu.request('sfu:status', {}, SFU_PROBE_TIMEOUT_MS).then(
        ({ workers }) => (workers.length > 0 ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    return {
      status: database === 'up' && sfu === 'up' ? 'ok' : 'degraded',
      version,
      database,
      sfu,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  }
}
