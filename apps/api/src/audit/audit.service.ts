import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type ActorType, AuditEvent } from './entities/audit-event.entity';

export interface AuditRecord {
  actorType: ActorType;
  actorId: string;
  action: string;
  ip: string;
  consultId?: string;
  detail?: Record<string, unknown>;
}

/** The audit trail of who saw or did what; append-only. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async record(record: AuditRecord): Promise<void> {
    await this.events.insert({
      id: randomUUID(),
      at: new Date(),
      actorType: record.actorType,
      actorId: record.actorId.slice(0, 120),
      action: record.action,
      consultId: record.consultId ?? null,
      ip: record.ip.slice(0, 64),
      detail: (record.detail ?? null) as AuditEvent['detail'] & object,
    });
  }

  forConsult(consultId: string): Promise<AuditEvent[]> {
    return this.events.find({ where: { consultId }, order: { at: 'ASC' } });
  }
}
