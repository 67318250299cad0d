import type { AvailabilityException, WeeklyWindow } from '@teleconsult/scheduling';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A clinician's weekly hours and one-day exceptions, as wall-clock times in their own zone. */
@Entity({ name: 'availability' })
export class AvailabilityRow {
  @PrimaryColumn({ name: 'clinician_id', type: 'varchar', length: 36 })
  clinicianId: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes: number;

  @Column({ type: 'simple-json' })
  weekly: WeeklyWindow[];

  @Column({ type: 'simple-json' })
  exceptions: AvailabilityException[];

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
