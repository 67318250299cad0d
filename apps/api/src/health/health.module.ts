import { Module } from '@nestjs/common';
import { SfuModule } from '../sfu/sfu.module';
import { HealthController } from './health.controller';

@Module({ imports: [SfuModule], controllers: [HealthController] })
export class HealthModule {}
