import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadApiConfig } from '../src/config/api-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { adminQuery, type Driver, POSTGRES_URL, SECRET } from './support/test-stack';

/**
 * The migrations are hand-written, so nothing else ties them to the entities: this catches an
 * entity column added, renamed or made nullable without a migration, on both drivers.
 */
describe.each<Driver>(['sqlite', 'postgres'])('migrated schema on %s', (driver) => {
  let dataSource: DataSource;
  const dataDir = mkdtempSync(join(tmpdir(), 'teleconsult-schema-'));
  const schema = `s_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

  beforeAll(async () => {
    if (driver === 'postgres') await adminQuery(`CREATE SCHEMA ${schema}`);
    const config = loadApiConfig({
      DATA_DIR: dataDir,
      JWT_SECRET: SECRET,
      SFU_SECRET: SECRET,
      ...(driver === 'postgres' ? { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } : {}),
    });
    dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    if (driver === 'postgres') await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
  });

  it('has every entity column, with the same nullability and uniqueness', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      for (const entity of dataSource.entityMetadatas) {
        const table = await runner.getTable(entity.tableName);
        expect(table).toBeDefined();
        const actual = table!.columns.map((c) => ({
          name: c.name,
          nullable: c.isNullable,
          unique: c.isUnique || c.isPrimary,
        }));
        const expected = entity.columns.map((c) => ({
          name: c.databaseName,
          nullable: c.isNullable,
          unique: c.isPrimary || entity.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c),
        }));
        expect({ table: entity.tableName, columns: sortByName(actual) }).toEqual({
          table: entity.tableName,
          columns: sortByName(expected),
        });
      }
    } finally {
      await runner.release();
    }
  });

  it('enforces the references between tables', async () => {
    const now = new Date();
    await expect(
      dataSource.getRepository('Consult').insert({
        id: '00000000-0000-4000-8000-000000000001',
        title: 'x',
        status: 'scheduled',
        clinicianId: '00000000-0000-4000-8000-00000000dead',
        patientName: null,
        createdAt: now,
      }),
    ).rejects.toThrow(/foreign key/i);
  });
});

const sortByName = <T extends { name: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.name.localeCompare(b.name));
