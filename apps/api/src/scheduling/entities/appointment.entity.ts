import type { AppointmentStatus } from '@teleconsult/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'appointments' })
export class AppointmentRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinician_id', type: 'varchar', length: 36 })
  clinicianId: string;

  /** The clinician who booked it (the owner or a colleague). */
  @Column({ name: 'booked_by', type: 'varchar', length: 36 })
  bookedBy: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  @Column({ name: 'starts_at', type: Date })
  startsAt: Date;

  @Column({ name: 'ends_at', type: Date })
  endsAt: Date;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'varchar', length: 16 })
  status: AppointmentStatus;

  @Column({ name: 'patient_name', type: 'varchar', length: 80 })
  patientName: string;

  @Column({ name: 'patient_email', type: 'varchar', length: 254, nullable: true })
  patientEmail: string | null;

  @Column({ name: 'patient_phone', type: 'varchar', length: 32, nullable: true })
  patientPhone: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;

  @Column({ name: 'cancelled_at', type: Date, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;
}
