import { Controller, Get, Param, ParseUUIDPipe, Req, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { type ConsultReport, consultReportSchema } from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ChatService } from '../chat/chat.service';
import { ApiError } from '../common/api-error';
import { ConsultImageRow } from '../imaging/entities/consult-image.entity';
import { toConsultImage } from '../imaging/image-store.service';
import { requestIp } from '../common/request-ip';
import { ParticipantsService, toParticipantRecord } from '../lobby/participants.service';
import { NotesService } from '../notes/notes.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { ConsultsService } from './consults.service';

const consultId = new ParseUUIDPipe({
  exceptionFactory: () => new ApiError('VALIDATION_FAILED', 'id: must be a UUID', 'id'),
});

/** What remains of a consult: participants and their times, the notes, how much was written in chat, the images shared and the measurements made on them. */
@Controller('api/consults/:id/summary')
@UseGuards(AuthGuard)
@Roles('clinician')
export class ConsultReportController {
  constructor(
    private readonly consults: ConsultsService,
    private readonly participants: ParticipantsService,
    private readonly notes: NotesService,
    private readonly chat: ChatService,
    @InjectRepository(ConsultImageRow) private readonly images: Repository<ConsultImageRow>,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiDoc({
    summary: 'Summary of a consult for its clinician (reads the notes: audited as notes.viewed)',
    tags: ['consult room'],
    auth: 'bearer',
    params: z.object({ id: z.string().uuid() }),
    response: consultReportSchema,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  async summary(
    @CurrentUser() user: AccessClaims,
    @Param('id', consultId) id: string,
    @Req() request: Request,
  ): Promise<ConsultReport> {
    const consult = await this.consults.getOwned(user.userId, id);
    const notes = await this.notes.read(user.userId, id, requestIp(request), 'summary');
    return {
      consultId: consult.id,
      title: consult.title,
      status: consult.status,
      startedAt: consult.startedAt?.toISOString() ?? null,
      endedAt: consult.endedAt?.toISOString() ?? null,
      participants: (await this.participants.list(id)).map(toParticipantRecord),
      notes: { text: notes.text, updatedAt: notes.updatedAt },
      chatMessageCount: await this.chat.count(id),
      images: (await this.images.find({ where: { consultId: id }, order: { createdAt: 'ASC' } })).map(
        toConsultImage,
      ),
      measurements: await this.measurements(id),
    };
  }

  /** Every length measured in the shared viewer: the viewer records each one in the audit trail. */
  private async measurements(consultId: string): Promise<ConsultReport['measurements']> {
    const events = await this.audit.forConsult(consultId);
    return events
      .filter((event) => event.action === 'image.measured' && event.detail)
      .map((event) => {
        const detail = event.detail as Record<string, unknown>;
        return {
          imageId: String(detail.imageId ?? ''),
          frame: Number(detail.frame ?? 0),
          lengthMm: typeof detail.lengthMm === 'number' ? detail.lengthMm : null,
          lengthPx: Number(detail.lengthPx ?? 0),
          by: String(detail.by ?? ''),
          at: event.at.toISOString(),
        };
      });
  }
}
