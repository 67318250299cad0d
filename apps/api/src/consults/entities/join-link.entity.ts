import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A patient link. Only the SHA-256 of its token is stored: a database leak yields no working link. */
@Entity({ name: 'join_links' })
export class JoinLink {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
