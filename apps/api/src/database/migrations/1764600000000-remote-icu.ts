import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Remote ICU: wards, beds with their device, admissions, per-minute trends and alarm history. */
export class RemoteIcu1764600000000 implements MigrationInterface {
  name = 'RemoteIcu1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    await runner.query(`CREATE TABLE wards (
      id ${id} NOT NULL PRIMARY KEY,
      name varchar(80) NOT NULL,
      kind varchar(8) NOT NULL CHECK (kind IN ('icu', 'ed')),
      created_at ${time} NOT NULL
    )`);
    await runner.query(`CREATE TABLE beds (
      id ${id} NOT NULL PRIMARY KEY,
      ward_id ${id} NOT NULL REFERENCES wards(id) ON DELETE CASCADE,
      label varchar(80) NOT NULL,
      kind varchar(12) NOT NULL CHECK (kind IN ('bed', 'ambulance')),
      call_sign varchar(32),
      device_token_hash varchar(64) UNIQUE,
      settings text NOT NULL,
      handover text,
      created_at ${time} NOT NULL
    )`);
    await runner.query(`CREATE UNIQUE INDEX beds_ward_label_idx ON beds (ward_id, label)`);
    await runner.query(`CREATE TABLE bed_admissions (
      id ${id} NOT NULL PRIMARY KEY,
      bed_id ${id} NOT NULL REFERENCES beds(id) ON DELETE CASCADE,
      patient_name varchar(120) NOT NULL,
      mrn varchar(32),
      admitted_by varchar(36) NOT NULL,
      admitted_at ${time} NOT NULL,
      discharged_at ${time}
    )`);
    // One patient per bed at a time, enforced by the database.
    await runner.query(
      `CREATE UNIQUE INDEX bed_admissions_open_idx ON bed_admissions (bed_id) WHERE discharged_at IS NULL`,
    );
    await runner.query(`CREATE TABLE vital_trends (
      bed_id ${id} NOT NULL REFERENCES beds(id) ON DELETE CASCADE,
      minute ${time} NOT NULL,
      admission_id varchar(36),
      heart_rate real,
      spo2 real,
      respiratory_rate real,
      systolic real,
      diastolic real,
      temperature real,
      news2 integer,
      samples integer NOT NULL,
      PRIMARY KEY (bed_id, minute)
    )`);
    await runner.query(`CREATE TABLE bed_alarms (
      id ${id} NOT NULL PRIMARY KEY,
      bed_id ${id} NOT NULL REFERENCES beds(id) ON DELETE CASCADE,
      alarm_key varchar(64) NOT NULL,
      kind varchar(10) NOT NULL,
      priority varchar(8) NOT NULL,
      message varchar(300) NOT NULL,
      raised_at ${time} NOT NULL,
      escalated_at ${time},
      acknowledged_at ${time},
      acknowledged_by varchar(120),
      cleared_at ${time}
    )`);
    await runner.query(`CREATE INDEX bed_alarms_bed_idx ON bed_alarms (bed_id, raised_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['bed_alarms', 'vital_trends', 'bed_admissions', 'beds', 'wards'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
