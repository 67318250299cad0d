import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A patient in a bed, from admission to discharge; at most one open admission per bed (index). */
@Entity({ name: 'bed_admissions' })
export class AdmissionRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'bed_id', type: 'varchar', length: 36 })
  bedId: string;

  @Column({ name: 'patient_name', type: 'varchar', length: 120 })
  patientName: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  mrn: string | null;

  @Column({ name: 'admitted_by', type: 'varchar', length: 36 })
  admittedBy: string;

  @Column({ name: 'admitted_at', type: Date })
  admittedAt: Date;

  @Column({ name: 'discharged_at', type: Date, nullable: true })
  dischargedAt: Date | null;
}
