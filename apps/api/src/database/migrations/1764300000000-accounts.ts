import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in sessions (rotating refresh tokens, revocable), disabled accounts, audit paging indexes. */
export class Accounts1764300000000 implements MigrationInterface {
  name = 'Accounts1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    await runner.query(`CREATE TABLE sessions (
      id ${id} NOT NULL PRIMARY KEY,
      user_id ${id} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      refresh_hash varchar(64) NOT NULL,
      created_at ${time} NOT NULL,
      expires_at ${time} NOT NULL,
      last_used_at ${time} NOT NULL,
      revoked_at ${time},
      revoked_reason varchar(32),
      ip varchar(64) NOT NULL,
      user_agent varchar(200)
    )`);
    await runner.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await runner.query(`ALTER TABLE users ADD COLUMN disabled_at ${time}`);
    // Keyset paging of the audit log, newest first, optionally by actor or action.
    await runner.query(`CREATE INDEX audit_events_at_id_idx ON audit_events (at, id)`);
    await runner.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at)`);
    await runner.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of ['audit_events_action_idx', 'audit_events_actor_idx', 'audit_events_at_id_idx'])
      await runner.query(`DROP INDEX ${index}`);
    await runner.query(`ALTER TABLE users DROP COLUMN disabled_at`);
    await runner.query(`DROP TABLE sessions`);
  }
}
