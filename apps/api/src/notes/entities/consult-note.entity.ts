import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A clinician's private notes on one consult; never sent to a patient. */
@Entity({ name: 'consult_notes' })
export class ConsultNote {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
