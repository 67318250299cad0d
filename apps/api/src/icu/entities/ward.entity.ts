import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WardKind } from '@teleconsult/protocol';

/** An ICU ward watched from a central station, or an emergency department receiving ambulances. */
@Entity({ name: 'wards' })
export class WardRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  kind: WardKind;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
