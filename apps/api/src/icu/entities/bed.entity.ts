import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BedKind, BedSettingsBody, Handover } from '@teleconsult/protocol';

/** A bed (or an ambulance: a mobile bed) and the one bedside device enrolled to publish for it. */
@Entity({ name: 'beds' })
export class BedRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'ward_id', type: 'varchar', length: 36 })
  wardId: string;

  @Column({ type: 'varchar', length: 80 })
  label: string;

  @Column({ type: 'varchar', length: 12 })
  kind: BedKind;

  @Column({ name: 'call_sign', type: 'varchar', length: 32, nullable: true })
  callSign: string | null;

  /** SHA-256 of the device token; the token itself is shown once, when issued. */
  @Column({ name: 'device_token_hash', type: 'varchar', length: 64, nullable: true, unique: true })
  deviceTokenHash: string | null;

  /** Per-bed alarm thresholds and the NEWS2 SpO2 scale. */
  @Column({ type: 'simple-json' })
  settings: BedSettingsBody;

  @Column({ type: 'simple-json', nullable: true })
  handover: Handover | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
