import type { DeviceCheck, ParticipantStatus } from '@teleconsult/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One person's part in a consult: a clinician account or a patient link. The row outlives the
 * socket, so an admitted patient who reconnects is recognised by their link and let straight in.
 */
@Entity({ name: 'consult_participants' })
export class ConsultParticipant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  @Column({ type: 'varchar', length: 16 })
  role: 'clinician' | 'patient';

  @Column({ name: 'link_id', type: 'varchar', length: 36, nullable: true })
  linkId: string | null;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 80 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  status: ParticipantStatus;

  @Column({ name: 'device_check', type: 'simple-json', nullable: true })
  deviceCheck: DeviceCheck | null;

  @Column({ name: 'waiting_since', type: Date, nullable: true })
  waitingSince: Date | null;

  @Column({ name: 'admitted_at', type: Date, nullable: true })
  admittedAt: Date | null;

  @Column({ name: 'denied_at', type: Date, nullable: true })
  deniedAt: Date | null;

  @Column({ name: 'joined_at', type: Date, nullable: true })
  joinedAt: Date | null;

  @Column({ name: 'left_at', type: Date, nullable: true })
  leftAt: Date | null;
}
