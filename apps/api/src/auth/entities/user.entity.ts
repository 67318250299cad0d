import { Column, Entity, PrimaryColumn } from 'typeorm';

export type UserRole = 'clinician' | 'admin';

@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  /** A disabled account cannot sign in; its sessions were revoked when it was disabled. */
  @Column({ name: 'disabled_at', type: Date, nullable: true })
  disabledAt?: Date | null;
}
