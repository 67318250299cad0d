import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type ConsultSummary,
  type CreateConsultResponse,
  type PatientLink,
  createConsultRequestSchema,
} from '@teleconsult/protocol';
import type { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
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
  create(
    @CurrentUser() user: AccessClaims,
    @Body(new ZodPipe(createConsultRequestSchema)) body: z.output<typeof createConsultRequestSchema>,
    @Req() request: Request,
  ): Promise<CreateConsultResponse> {
    return this.consults.create(user.userId, body, requestIp(request));
  }

  @Get()
  list(@CurrentUser() user: AccessClaims): Promise<ConsultSummary[]> {
    return this.consults.listOwn(user.userId);
  }

  @Get(':id')
  async get(@CurrentUser() user: AccessClaims, @Param('id', consultId) id: string): Promise<ConsultSummary> {
    return toSummary(await this.consults.getOwned(user.userId, id));
  }

  @Post(':id/patient-link')
  reissue(
    @CurrentUser() user: AccessClaims,
    @Param('id', consultId) id: string,
    @Req() request: Request,
  ): Promise<PatientLink> {
    return this.consults.reissueLink(user.userId, id, requestIp(request));
  }

  @Post(':id/end')
  @HttpCode(200)
  end(
    @CurrentUser() user: AccessClaims,
    @Param('id', consultId) id: string,
    @Req() request: Request,
  ): Promise<ConsultSummary> {
    return this.consults.end(user.userId, id, requestIp(request));
  }
}
