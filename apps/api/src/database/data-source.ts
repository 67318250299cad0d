import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadApiConfig } from '../config/api-config';
import { dataSourceOptions } from './data-source-options';

/**
 * The DataSource TypeORM's CLI loads (`npm run migration:generate`), built from the same env
 * and options as the app so generated migrations diff against the real schema.
 */
export default new DataSource({ ...dataSourceOptions(loadApiConfig(process.env)), migrationsRun: false });
