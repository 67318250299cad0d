import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clinicians invited into another clinician's consult, by account or by a one-time link. */
export class ConsultInvitations1764700000000 implements MigrationInterface {
  name = 'ConsultInvitations1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    await runner.query(`CREATE TABLE consult_invitations (
      id ${id} NOT NULL PRIMARY KEY,
      consult_id ${id} NOT NULL REFERENCES consults(id) ON DELETE CASCADE,
      invited_by ${id} NOT NULL REFERENCES users(id),
      kind varchar(8) NOT NULL CHECK (kind IN ('account', 'link')),
      invitee_id ${id} REFERENCES users(id),
      token_hash varchar(64) UNIQUE,
      expires_at ${time},
      redeemed_at ${time},
      revoked_at ${time},
      created_at ${time} NOT NULL,
      CHECK (kind = 'link' OR invitee_id IS NOT NULL),
      CHECK (kind = 'account' OR token_hash IS NOT NULL)
    )`);
    await runner.query(`CREATE INDEX consult_invitations_consult_idx ON consult_invitations (consult_id)`);
    await runner.query(`CREATE INDEX consult_invitations_invitee_idx ON consult_invitations (invitee_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE consult_invitations`);
  }
}
