import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ChatMessage } from '@teleconsult/protocol';
import { Brackets, type Repository } from 'typeorm';
import { ChatMessageRow } from './entities/chat-message.entity';

export interface ChatSender {
  participantId: string;
  role: 'clinician' | 'patient';
  displayName: string;
}

/** Who is reading: a patient sees the room (once admitted) and their own private thread only. */
export type ChatViewer =
  { role: 'clinician' } | { role: 'patient'; participantId: string; admitted: boolean };

const HISTORY_LIMIT = 500;

const toMessage = (row: ChatMessageRow): ChatMessage => ({
  id: row.id,
  consultId: row.consultId,
  privateTo: row.privateTo,
  senderRole: row.senderRole,
  senderName: row.senderName,
  text: row.text,
  sentAt: row.sentAt.toISOString(),
});

/** Stores chat and announces each message; gateways deliver it to the sockets allowed to see it. */
@Injectable()
export class ChatService {
  readonly events = new EventEmitter<{ message: [message: ChatMessage, clinicianId: string] }>();

  constructor(@InjectRepository(ChatMessageRow) private readonly rows: Repository<ChatMessageRow>) {}

  async post(
    consult: { id: string; clinicianId: string },
    sender: ChatSender,
    privateTo: string | null,
    text: string,
  ): Promise<ChatMessage> {
    const row: ChatMessageRow = {
      id: randomUUID(),
      consultId: consult.id,
      privateTo,
      senderId: sender.participantId,
      senderRole: sender.role,
      senderName: sender.displayName,
      text,
      sentAt: new Date(),
    };
    await this.rows.insert(row);
    const message = toMessage(row);
    this.events.emit('message', message, consult.clinicianId);
    return message;
  }

  /** The latest messages this viewer may see, oldest first. */
  async history(consultId: string, viewer: ChatViewer): Promise<ChatMessage[]> {
    const query = this.rows
      .createQueryBuilder('m')
      .where('m.consult_id = :consultId', { consultId })
      .orderBy('m.sent_at', 'DESC')
      .take(HISTORY_LIMIT);
    if (viewer.role === 'patient') {
      query.andWhere(
        new Brackets((visible) => {
          visible.where('m.private_to = :self', { self: viewer.participantId });
          if (viewer.admitted) visible.orWhere('m.private_to IS NULL');
        }),
      );
    }
    return (await query.getMany()).reverse().map(toMessage);
  }

  /** One patient's private thread with the clinician. */
  async thread(consultId: string, participantId: string): Promise<ChatMessage[]> {
    const rows = await this.rows.find({
      where: { consultId, privateTo: participantId },
      order: { sentAt: 'ASC' },
      take: HISTORY_LIMIT,
    });
    return rows.map(toMessage);
  }

  async count(consultId: string): Promise<number> {
    return this.rows.count({ where: { consultId } });
  }
}
