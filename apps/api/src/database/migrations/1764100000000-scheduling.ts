import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduling: clinicians' availability, appointments, and patient-link windows. Double booking is
 * prevented by the database itself: a partial unique index allows one live (not cancelled)
 * appointment per clinician and start instant, whatever races the application code loses.
 */
export class Scheduling1764100000000 implements MigrationInterface {
  name = 'Scheduling1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    await runner.query(`CREATE TABLE availability (
      clinician_id ${id} NOT NULL PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      time_zone varchar(64) NOT NULL,
      slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
      weekly text NOT NULL,
      exceptions text NOT NULL,
      updated_at ${time} NOT NULL
    )`);
    await runner.query(`CREATE TABLE appointments (
      id ${id} NOT NULL PRIMARY KEY,
      clinician_id ${id} NOT NULL REFERENCES users(id),
      booked_by ${id} NOT NULL REFERENCES users(id),
      consult_id ${id} NOT NULL,
      starts_at ${time} NOT NULL,
      ends_at ${time} NOT NULL,
      time_zone varchar(64) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('booked', 'completed', 'cancelled', 'no_show')),
      patient_name varchar(80) NOT NULL,
      patient_email varchar(254),
      patient_phone varchar(32),
      reason varchar(500),
      created_at ${time} NOT NULL,
      updated_at ${time} NOT NULL,
      cancelled_at ${time},
      cancel_reason varchar(500),
      CHECK (ends_at > starts_at)
    )`);
    await runner.query(
      `CREATE UNIQUE INDEX appointments_live_slot_uq ON appointments (clinician_id, starts_at) WHERE status <> 'cancelled'`,
    );
    await runner.query(`CREATE UNIQUE INDEX appointments_consult_uq ON appointments (consult_id)`);
    await runner.query(
      `CREATE INDEX appointments_clinician_time_idx ON appointments (clinician_id, starts_at)`,
    );
    await runner.query(`ALTER TABLE join_links ADD COLUMN valid_from ${time}`);
    await runner.query(`ALTER TABLE join_links ADD COLUMN revoked_reason varchar(16)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE join_links DROP COLUMN revoked_reason`);
    await runner.query(`ALTER TABLE join_links DROP COLUMN valid_from`);
    await runner.query(`DROP TABLE appointments`);
    await runner.query(`DROP TABLE availability`);
  }
}
