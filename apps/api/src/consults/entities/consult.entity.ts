import type { ConsultStatus } from '@teleconsult/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'consults' })
export class Consult {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  status: ConsultStatus;

  @Column({ name: 'clinician_id', type: 'varchar', length: 36 })
  clinicianId: string;

  @Column({ name: 'patient_name', type: 'varchar', length: 80, nullable: true })
  patientName: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt: Date | null;
}
