import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditPage, auditQuerySchema } from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { ApiError } from '../common/api-error';

type AuditQuery = z.output<typeof auditQuerySchema>;

const encodeCursor = (event: AuditEvent) =>
  Buffer.from(`${event.at.toISOString()}|${event.id}`).toString('base64url');
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()))
    throw new ApiError('VALIDATION_FAILED', 'cursor: not a cursor this api issued', 'cursor');
  return { at: date, id };
}

/**
 * The audit trail, newest first, with keyset paging on (at, id): a page costs the same on the
 * millionth row as on the first, and rows written meanwhile never shift a page.
 */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>,
    private readonly audit: AuditService,
  ) {}

  async page(adminId: string, query: AuditQuery, ip: string): Promise<AuditPage> {
    const qb = this.events.createQueryBuilder('e');
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.consultId) qb.andWhere('e.consult_id = :consultId', { consultId: query.consultId });
    if (query.from) qb.andWhere('e.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.at < :to', { to: new Date(query.to) });
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      qb.andWhere('(e.at < :cursorAt OR (e.at = :cursorAt AND e.id < :cursorId))', {
        cursorAt: after.at,
        cursorId: after.id,
      });
    }
    const rows = await qb
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    // Reading the audit trail is itself audited.
    await this.audit.record({
      actorType: 'user',
      actorId: adminId,
      action: 'audit.viewed',
      ip,
      detail: { filters: { ...query, cursor: undefined } },
    });
    return {
      items: items.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorType: e.actorType,
        actorId: e.actorId,
        action: e.action,
        consultId: e.consultId,
        ip: e.ip,
        detail: e.detail,
      })),
      nextCursor:
        rows.length > query.limit && items.length > 0 ? encodeCursor(items[items.length - 1]!) : null,
    };
  }
}
