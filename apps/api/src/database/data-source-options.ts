import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { SessionRow } from '../auth/entities/session.entity';
import { User } from '../auth/entities/user.entity';
import { ChatMessageRow } from '../chat/entities/chat-message.entity';
import type { ApiConfig } from '../config/api-config';
import { Consult } from '../consults/entities/consult.entity';
import { JoinLink } from '../consults/entities/join-link.entity';
import { ConsultParticipant } from '../lobby/entities/consult-participant.entity';
import { ConsultImageRow } from '../imaging/entities/consult-image.entity';
import { ConsultInvitation } from '../invitations/entities/consult-invitation.entity';
import { AdmissionRow } from '../icu/entities/admission.entity';
import { AlarmRecordRow } from '../icu/entities/alarm-record.entity';
import { BedRow } from '../icu/entities/bed.entity';
import { VitalTrendRow } from '../icu/entities/vital-trend.entity';
import { WardRow } from '../icu/entities/ward.entity';
import { WardStaffRow } from '../icu/entities/ward-staff.entity';
import { ConsultNote } from '../notes/entities/consult-note.entity';
import { AppointmentRow } from '../scheduling/entities/appointment.entity';
import { AvailabilityRow } from '../scheduling/entities/availability.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { Scheduling1764100000000 } from './migrations/1764100000000-scheduling';
import { ConsultRoom1764200000000 } from './migrations/1764200000000-consult-room';
import { Accounts1764300000000 } from './migrations/1764300000000-accounts';
import { ConsultImages1764500000000 } from './migrations/1764500000000-consult-images';
import { RemoteIcu1764600000000 } from './migrations/1764600000000-remote-icu';
import { ConsultInvitations1764700000000 } from './migrations/1764700000000-consult-invitations';
import { WardStaff1764800000000 } from './migrations/1764800000000-ward-staff';
import { AppointmentOverlap1764900000000 } from './migrations/1764900000000-appointment-overlap';

export const entities = [
  User,
  Consult,
  JoinLink,
  AuditEvent,
  ConsultParticipant,
  ChatMessageRow,
  ConsultNote,
  AvailabilityRow,
  AppointmentRow,
  SessionRow,
  ConsultImageRow,
  WardRow,
  BedRow,
  AdmissionRow,
  VitalTrendRow,
  AlarmRecordRow,
  ConsultInvitation,
  WardStaffRow,
];
export const migrations = [
  InitialSchema1764000000000,
  Scheduling1764100000000,
  ConsultRoom1764200000000,
  Accounts1764300000000,
  ConsultImages1764500000000,
  RemoteIcu1764600000000,
  ConsultInvitations1764700000000,
  WardStaff1764800000000,
  AppointmentOverlap1764900000000,
];

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file; migrations, never synchronize. */
export function dataSourceOptions(config: ApiConfig): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  if (config.DATABASE_URL) {
    return {
      ...common,
      type: 'postgres',
      url: config.DATABASE_URL,
      // Unqualified table names in migrations resolve through search_path, so set both.
      ...(config.DATABASE_SCHEMA
        ? { schema: config.DATABASE_SCHEMA, extra: { options: `-c search_path=${config.DATABASE_SCHEMA}` } }
        : {}),
    };
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(config.DATA_DIR, 'teleconsult.sqlite'),
    // WAL lets readers proceed while a write is in progress; foreign keys are off by default in SQLite.
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
    },
  };
}
