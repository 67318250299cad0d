import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConsultNotes } from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConsultsService } from '../consults/consults.service';
import { ConsultNote } from './entities/consult-note.entity';

/** A clinician's private notes on a consult they own; every read is audited as notes.viewed. */
@Injectable()
export class NotesService {
  constructor(
    @InjectRepository(ConsultNote) private readonly notes: Repository<ConsultNote>,
    private readonly consults: ConsultsService,
    private readonly audit: AuditService,
  ) {}

  async read(
    clinicianId: string,
    consultId: string,
    ip: string,
    via: 'notes' | 'summary' = 'notes',
  ): Promise<ConsultNotes> {
    await this.consults.getOwned(clinicianId, consultId);
    const row = await this.notes.findOne({ where: { consultId, authorId: clinicianId } });
    await this.audit.record({
      actorType: 'user',
      actorId: clinicianId,
      action: 'notes.viewed',
      consultId,
      ip,
      detail: { via },
    });
    return { consultId, text: row?.text ?? '', updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  /** Replaces the text (autosave sends the whole document, so a retry is harmless). */
  async save(clinicianId: string, consultId: string, text: string): Promise<ConsultNotes> {
    await this.consults.getOwned(clinicianId, consultId);
    const updatedAt = new Date();
    const updated = await this.notes.update({ consultId, authorId: clinicianId }, { text, updatedAt });
    if (!updated.affected) {
      try {
        await this.notes.insert({ id: randomUUID(), consultId, authorId: clinicianId, text, updatedAt });
      } catch (error) {
        // A concurrent first save inserted the row: this one becomes an update.
        const retried = await this.notes.update({ consultId, authorId: clinicianId }, { text, updatedAt });
        if (!retried.affected) throw error;
      }
    }
    return { consultId, text, updatedAt: updatedAt.toISOString() };
  }
}
