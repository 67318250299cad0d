import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type ConsultSummary,
  type CreateConsultResponse,
  type PatientLink,
  consultSummaryListSchema,
  consultSummarySchema,
  createConsultRequestSchema,
  createConsultResponseSchema,
  patientLinkSchema,
} from '@teleconsult/protocol';
import type { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { ConsultsService, toSummary } from './consults.service';

const consultId = new ParseUUIDPipe({
  exceptionFactory: () => new ApiError('VALIDATION_FAILED', 'id: must be a UUID', 'id'),
});

@Controller('api/consults')
@UseGuards(AuthGuard)
@Roles('clinician')
export class ConsultsController {
  constructor(private readonly consults: ConsultsService) {}

  @Post()
  @ApiDoc({
    summary: 'Start an ad-hoc consult; returns its patient link once',
    tags: ['consults'],
    auth: 'bearer',
    body: createConsultRequestSchema,
    response: createConsultResponseSchema,
    status: 201,
  })
  create(
    @CurrentUser() user: AccessClaims,
    @Body(new ZodPipe(createConsultRequestSchema)) body: z.output<typeof createConsultRequestSchema>,
    @Req() request: Request,
  ): Promise<CreateConsultResponse> {
    return this.consults.create(user.userId, body, requestIp(request));
  }

  @Get()
  @ApiDoc({
    summary: "The caller's consults, newest first",
    tags: ['consults'],
    auth: 'bearer',
    response: consultSummaryListSchema,
  })
  list(@CurrentUser() user: AccessClaims): Promise<ConsultSummary[]> {
    return this.consults.listOwn(user.userId);
  }

  @Get(':id')
  @ApiDoc({
    summary: 'One consult the caller owns',
    tags: ['consults'],
    auth: 'bearer',
    response: consultSummarySchema,
    errors: ['NOT_FOUND'],
  })
  async get(@CurrentUser() user: AccessClaims, @Param('id', consultId) id: string): Promise<ConsultSummary> {
    return toSummary(await this.consults.getOwned(user.userId, id));
  }

  @Post(':id/patient-link')
  @ApiDoc({
    summary: 'Issue a new patient link (the previous one stops working)',
    tags: ['consults'],
    auth: 'bearer',
    response: patientLinkSchema,
    status: 201,
    errors: ['NOT_FOUND', 'CONSULT_ENDED'],
  })
  reissue(
    @CurrentUser() user: AccessClaims,
    @Param('id', consultId) id: string,
    @Req() request: Request,
  ): Promise<PatientLink> {
    return this.consults.reissueLink(user.userId, id, requestIp(request));
  }

  @Post(':id/end')
  @ApiDoc({
    summary: 'End the consult: the room closes for everyone and its links stop working',
    tags: ['consults'],
    auth: 'bearer',
    response: consultSummarySchema,
    status: 200,
    errors: ['NOT_FOUND'],
  })
  @HttpCode(200)
  end(
    @CurrentUser() user: AccessClaims,
    @Param('id', consultId) id: string,
    @Req() request: Request,
  ): Promise<ConsultSummary> {
    return this.consults.end(user.userId, id, requestIp(request));
  }
}
