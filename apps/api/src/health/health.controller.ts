import { Controller, Get } from '@nestjs/common';
import type { HealthResponse } from '@teleconsult/protocol';
import { DataSource } from 'typeorm';
import { SfuClient } from '../sfu/sfu-client.service';

const startedAt = Date.now();

@Controller('api/health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sfu: SfuClient,
  ) {}

  @Get()
  async health(): Promise<HealthResponse> {
    const [database, sfu] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.sfu.request('sfu:status', {}).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    return {
      status: database === 'up' && sfu === 'up' ? 'ok' : 'degraded',
      version: process.env.npm_package_version ?? '0.1.0',
      database,
      sfu,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  }
}
