import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A clinician invited into someone else's consult: by account (invitee known at once) or by a
 * one-time link (invitee set when the first signed-in clinician redeems it). Only the SHA-256 of a
 * link's token is stored, as for patient links.
 */
@Entity({ name: 'consult_invitations' })
export class ConsultInvitation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  @Column({ name: 'invited_by', type: 'varchar', length: 36 })
  invitedBy: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'account' | 'link';

  @Column({ name: 'invitee_id', type: 'varchar', length: 36, nullable: true })
  inviteeId: string | null;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true, unique: true })
  tokenHash: string | null;

  /** Links only: redeem before this. */
  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'redeemed_at', type: Date, nullable: true })
  redeemedAt: Date | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
