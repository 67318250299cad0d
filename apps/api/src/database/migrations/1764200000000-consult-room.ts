import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consult room's lasting state: who took part (and whether a patient link was admitted, so a
 * reconnect skips the waiting room), chat messages, and clinicians' private notes.
 */
export class ConsultRoom1764200000000 implements MigrationInterface {
  name = 'ConsultRoom1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    await runner.query(`CREATE TABLE consult_participants (
      id ${id} NOT NULL PRIMARY KEY,
      consult_id ${id} NOT NULL REFERENCES consults(id) ON DELETE CASCADE,
      role varchar(16) NOT NULL CHECK (role IN ('clinician', 'patient')),
      link_id ${id} REFERENCES join_links(id) ON DELETE CASCADE,
      user_id ${id} REFERENCES users(id),
      display_name varchar(80) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('waiting', 'admitted', 'denied')),
      device_check text,
      waiting_since ${time},
      admitted_at ${time},
      denied_at ${time},
      joined_at ${time},
      left_at ${time},
      CHECK ((role = 'patient' AND link_id IS NOT NULL AND user_id IS NULL)
          OR (role = 'clinician' AND user_id IS NOT NULL AND link_id IS NULL))
    )`);
    // One participant per link and per clinician account: the admission a reconnect finds again.
    await runner.query(
      `CREATE UNIQUE INDEX consult_participants_link_uq ON consult_participants (consult_id, link_id)`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX consult_participants_user_uq ON consult_participants (consult_id, user_id)`,
    );
    await runner.query(`CREATE TABLE chat_messages (
      id ${id} NOT NULL PRIMARY KEY,
      consult_id ${id} NOT NULL REFERENCES consults(id) ON DELETE CASCADE,
      private_to ${id} REFERENCES consult_participants(id) ON DELETE CASCADE,
      sender_id ${id} NOT NULL REFERENCES consult_participants(id) ON DELETE CASCADE,
      sender_role varchar(16) NOT NULL,
      sender_name varchar(80) NOT NULL,
      text text NOT NULL,
      sent_at ${time} NOT NULL
    )`);
    await runner.query(`CREATE INDEX chat_messages_consult_idx ON chat_messages (consult_id, sent_at)`);
    await runner.query(`CREATE TABLE consult_notes (
      id ${id} NOT NULL PRIMARY KEY,
      consult_id ${id} NOT NULL REFERENCES consults(id) ON DELETE CASCADE,
      author_id ${id} NOT NULL REFERENCES users(id),
      text text NOT NULL,
      updated_at ${time} NOT NULL
    )`);
    await runner.query(
      `CREATE UNIQUE INDEX consult_notes_author_uq ON consult_notes (consult_id, author_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['consult_notes', 'chat_messages', 'consult_participants'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
