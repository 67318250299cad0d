import { QueryFailedError } from 'typeorm';

/** True when a query failed on a unique index: SQLite's SQLITE_CONSTRAINT_UNIQUE or PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when a write would overlap a live appointment of the same clinician: the trigger of
 * migration 1764900000000 (SQLite's RAISE(ABORT) message, PostgreSQL's 23P01).
 */
export function isAppointmentOverlap(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  return driverError?.code === '23P01' || /appointments_overlap/.test(driverError?.message ?? '');
}
