import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ApiConfig } from '../config/api-config';
import { dataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return { module: DatabaseModule, imports: [TypeOrmModule.forRoot(dataSourceOptions(config))] };
  }
}
