import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One minute of one bed: the mean of the trustworthy values received in it (artefacts left out). */
@Entity({ name: 'vital_trends' })
export class VitalTrendRow {
  @PrimaryColumn({ name: 'bed_id', type: 'varchar', length: 36 })
  bedId: string;

  @PrimaryColumn({ type: Date })
  minute: Date;

  @Column({ name: 'admission_id', type: 'varchar', length: 36, nullable: true })
  admissionId: string | null;

  @Column({ name: 'heart_rate', type: 'real', nullable: true })
  heartRate: number | null;

  @Column({ type: 'real', nullable: true })
  spo2: number | null;

  @Column({ name: 'respiratory_rate', type: 'real', nullable: true })
  respiratoryRate: number | null;

  @Column({ type: 'real', nullable: true })
  systolic: number | null;

  @Column({ type: 'real', nullable: true })
  diastolic: number | null;

  @Column({ type: 'real', nullable: true })
  temperature: number | null;

  /** The highest NEWS2 total seen in the minute. */
  @Column({ type: 'integer', nullable: true })
  news2: number | null;

  @Column({ type: 'integer' })
  samples: number;
}
