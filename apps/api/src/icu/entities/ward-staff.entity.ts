import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A clinician on a ward's staff: only they see its beds and patients at the station. */
@Entity({ name: 'ward_staff' })
export class WardStaffRow {
  @PrimaryColumn({ name: 'ward_id', type: 'varchar', length: 36 })
  wardId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The admin who assigned them (a user id), or `system:demo-seed`. */
  @Column({ name: 'added_by', type: 'varchar', length: 36 })
  addedBy: string;

  @Column({ name: 'added_at', type: Date })
  addedAt: Date;
}
