import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A chat message. Stored as typed; every client renders it as text, never as HTML. */
@Entity({ name: 'chat_messages' })
export class ChatMessageRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'consult_id', type: 'varchar', length: 36 })
  consultId: string;

  /** The patient participant of a private thread; null for the whole room. */
  @Column({ name: 'private_to', type: 'varchar', length: 36, nullable: true })
  privateTo: string | null;

  @Column({ name: 'sender_id', type: 'varchar', length: 36 })
  senderId: string;

  @Column({ name: 'sender_role', type: 'varchar', length: 16 })
  senderRole: 'clinician' | 'patient';

  @Column({ name: 'sender_name', type: 'varchar', length: 80 })
  senderName: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'sent_at', type: Date })
  sentAt: Date;
}
