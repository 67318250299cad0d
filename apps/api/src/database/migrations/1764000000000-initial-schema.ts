import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, consults, patient links and the audit trail; one script for SQLite and PostgreSQL.
 * Primary keys say NOT NULL because SQLite otherwise lets a non-INTEGER primary key be NULL.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    await runner.query(`CREATE TABLE users (
      id ${id} NOT NULL PRIMARY KEY,
      email varchar(254) NOT NULL UNIQUE,
      display_name varchar(120) NOT NULL,
      role varchar(16) NOT NULL CHECK (role IN ('clinician', 'admin')),
      password_hash varchar(255) NOT NULL,
      created_at ${time} NOT NULL
    )`);
    await runner.query(`CREATE TABLE consults (
      id ${id} NOT NULL PRIMARY KEY,
      title varchar(120) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('scheduled', 'active', 'ended')),
      clinician_id ${id} NOT NULL REFERENCES users(id),
      patient_name varchar(80),
      created_at ${time} NOT NULL,
      started_at ${time},
      ended_at ${time}
    )`);
    await runner.query(`CREATE INDEX consults_clinician_idx ON consults (clinician_id, created_at)`);
    await runner.query(`CREATE TABLE join_links (
      id ${id} NOT NULL PRIMARY KEY,
      consult_id ${id} NOT NULL REFERENCES consults(id) ON DELETE CASCADE,
      token_hash varchar(64) NOT NULL UNIQUE,
      expires_at ${time} NOT NULL,
      revoked_at ${time},
      created_at ${time} NOT NULL
    )`);
    await runner.query(`CREATE INDEX join_links_consult_idx ON join_links (consult_id)`);
    await runner.query(`CREATE TABLE audit_events (
      id ${id} NOT NULL PRIMARY KEY,
      at ${time} NOT NULL,
      actor_type varchar(16) NOT NULL,
      actor_id varchar(120) NOT NULL,
      action varchar(64) NOT NULL,
      consult_id ${id},
      ip varchar(64) NOT NULL,
      detail text
    )`);
    await runner.query(`CREATE INDEX audit_events_at_idx ON audit_events (at)`);
    await runner.query(`CREATE INDEX audit_events_consult_idx ON audit_events (consult_id, at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'join_links', 'consults', 'users'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
