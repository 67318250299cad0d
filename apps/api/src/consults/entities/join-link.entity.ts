import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LinkRevokedReason = 'reissued' | 'cancelled' | 'ended';

/** A patient link. Only the SHA-256 of its token is stored: a database leak yields no working link. */
@Entity({ name: 'join_links' })
export class JoinLink {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  /** Null: valid at once (ad-hoc consults); else the start of an appointment's link window. */
  @Column({ name: 'valid_from', type: Date, nullable: true })
  validFrom: Date | null;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;

  /** Why it was revoked: a newer link, the appointment's cancellation, or the consult's end. */
  @Column({ name: 'revoked_reason', type: 'varchar', length: 16, nullable: true })
  revokedReason: LinkRevokedReason | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
