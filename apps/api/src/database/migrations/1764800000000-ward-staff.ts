import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Ward staff: which clinicians may watch which ward (least privilege for patient data). */
export class WardStaff1764800000000 implements MigrationInterface {
  name = 'WardStaff1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    const pg = runner.connection.options.type === 'postgres';
    const id = pg ? 'uuid' : 'varchar(36)';
    const time = pg ? 'timestamptz' : 'datetime';
    // added_by: the assigning admin's id, or 'system:demo-seed' (as bed_admissions.admitted_by).
    await runner.query(`CREATE TABLE ward_staff (
      ward_id ${id} NOT NULL REFERENCES wards(id) ON DELETE CASCADE,
      user_id ${id} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      added_by varchar(36) NOT NULL,
      added_at ${time} NOT NULL,
      PRIMARY KEY (ward_id, user_id)
    )`);
    // The access check asks "which wards does this clinician staff?".
    await runner.query(`CREATE INDEX ward_staff_user_idx ON ward_staff (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ward_staff`);
  }
}
