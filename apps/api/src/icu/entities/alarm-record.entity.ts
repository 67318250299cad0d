import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AlarmPriority } from '@teleconsult/clinical';

/** The history of one alarm of one bed: raised, escalated, acknowledged, cleared. */
@Entity({ name: 'bed_alarms' })
export class AlarmRecordRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'bed_id', type: 'varchar', length: 36 })
  bedId: string;

  @Column({ name: 'alarm_key', type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'clinical' | 'technical';

  @Column({ type: 'varchar', length: 8 })
  priority: AlarmPriority;

  @Column({ type: 'varchar', length: 300 })
  message: string;

  @Column({ name: 'raised_at', type: Date })
  raisedAt: Date;

  @Column({ name: 'escalated_at', type: Date, nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'acknowledged_at', type: Date, nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 120, nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'cleared_at', type: Date, nullable: true })
  clearedAt: Date | null;
}
