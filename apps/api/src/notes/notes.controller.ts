import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type ConsultNotes,
  type SaveNotesRequest,
  consultNotesSchema,
  saveNotesRequestSchema,
} from '@teleconsult/protocol';
import { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { NotesService } from './notes.service';

const consultId = new ParseUUIDPipe({
  exceptionFactory: () => new ApiError('VALIDATION_FAILED', 'id: must be a UUID', 'id'),
});
const params = z.object({ id: z.string().uuid() });

/** Clinicians' private notes: only the owning clinician reads or writes them; patients never. */
@Controller('api/consults/:id/notes')
@UseGuards(AuthGuard)
@Roles('clinician')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @ApiDoc({
    summary: "Read one's private notes on a consult (audited as notes.viewed)",
    tags: ['consult room'],
    auth: 'bearer',
    params,
    response: consultNotesSchema,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  read(
    @CurrentUser() user: AccessClaims,
    @Param('id', consultId) id: string,
    @Req() request: Request,
  ): Promise<ConsultNotes> {
    return this.notes.read(user.userId, id, requestIp(request));
  }

  @Put()
  @ApiDoc({
    summary: 'Save (replace) private notes; the room autosaves as the clinician types',
    tags: ['consult room'],
    auth: 'bearer',
    params,
    body: saveNotesRequestSchema,
    response: consultNotesSchema,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE'],
  })
  save(
    @CurrentUser() user: AccessClaims,
    @Param('id', consultId) id: string,
    @Body(new ZodPipe(saveNotesRequestSchema)) body: SaveNotesRequest,
  ): Promise<ConsultNotes> {
    return this.notes.save(user.userId, id, body.text);
  }
}
