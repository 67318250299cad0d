import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No two live appointments of one clinician may overlap in time, enforced by the database. The
 * unique index of 1764100000000 covers equal start instants; this covers appointments that start
 * at different instants but overlap, e.g. after a clinician changes their slot length while
 * bookings on the old and the new grid race each other.
 *
 * SQLite runs one writer at a time, so a BEFORE trigger that looks for an overlap is race-free.
 * PostgreSQL's trigger first takes a transaction-scoped advisory lock on the clinician, so two
 * concurrent writers for one clinician check one after the other (each check is a new statement
 * under READ COMMITTED and sees the other's committed row); it raises SQLSTATE 23P01
 * (exclusion_violation), the code an exclusion constraint would give, without needing the
 * btree_gist extension.
 */
export class AppointmentOverlap1764900000000 implements MigrationInterface {
  name = 'AppointmentOverlap1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query(`CREATE FUNCTION appointments_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.status = 'cancelled' THEN RETURN NEW; END IF;
          PERFORM pg_advisory_xact_lock(hashtext('appointments:' || NEW.clinician_id::text));
          IF EXISTS (
            SELECT 1 FROM appointments a
            WHERE a.clinician_id = NEW.clinician_id AND a.status <> 'cancelled' AND a.id <> NEW.id
              AND a.starts_at < NEW.ends_at AND a.ends_at > NEW.starts_at
          ) THEN
            RAISE EXCEPTION 'appointments_overlap' USING ERRCODE = '23P01';
          END IF;
          RETURN NEW;
        END $$`);
      await runner.query(`CREATE TRIGGER appointments_no_overlap BEFORE INSERT OR UPDATE OF clinician_id, starts_at, ends_at, status
        ON appointments FOR EACH ROW EXECUTE FUNCTION appointments_no_overlap()`);
      return;
    }
    const check = `SELECT RAISE(ABORT, 'appointments_overlap') WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.clinician_id = NEW.clinician_id AND a.status <> 'cancelled' AND a.id <> NEW.id
          AND a.starts_at < NEW.ends_at AND a.ends_at > NEW.starts_at
      );`;
    await runner.query(`CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
      WHEN NEW.status <> 'cancelled' BEGIN ${check} END`);
    await runner.query(`CREATE TRIGGER appointments_no_overlap_update
      BEFORE UPDATE OF clinician_id, starts_at, ends_at, status ON appointments
      WHEN NEW.status <> 'cancelled' BEGIN ${check} END`);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query(`DROP TRIGGER appointments_no_overlap ON appointments`);
      await runner.query(`DROP FUNCTION appointments_no_overlap()`);
      return;
    }
    await runner.query(`DROP TRIGGER appointments_no_overlap_update`);
    await runner.query(`DROP TRIGGER appointments_no_overlap_insert`);
  }
}
