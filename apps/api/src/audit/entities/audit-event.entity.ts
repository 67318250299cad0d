import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ActorType = 'user' | 'patient' | 'system';

/** Who did what to which consult, when and from where. Append-only. */
@Entity({ name: 'audit_events' })
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: Date })
  at: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: ActorType;

  @Column({ name: 'actor_id', type: 'varchar', length: 120 })
  actorId: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36, nullable: true })
  consultId: string | null;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'simple-json', nullable: true })
  detail: Record<string, unknown> | null;
}
