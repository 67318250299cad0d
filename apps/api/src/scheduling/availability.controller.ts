import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type AvailabilityResponse,
  type ClinicianDirectoryEntry,
  type SlotsResponse,
  availabilityRequestSchema,
  availabilityResponseSchema,
  clinicianDirectorySchema,
  slotsQuerySchema,
  slotsResponseSchema,
} from '@teleconsult/protocol';
import type { Availability } from '@teleconsult/scheduling';
import type { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { AvailabilityService } from './availability.service';

export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new ApiError('VALIDATION_FAILED', `${name}: must be a UUID`, name),
  });

@Controller('api')
@UseGuards(AuthGuard)
@Roles('clinician')
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Get('availability')
  @ApiDoc({
    summary: "The caller's weekly hours and exceptions",
    tags: ['scheduling'],
    auth: 'bearer',
    response: availabilityResponseSchema,
  })
  get(@CurrentUser() user: AccessClaims): Promise<AvailabilityResponse> {
    return this.availability.get(user.userId);
  }

  @Put('availability')
  @ApiDoc({
    summary: "Replace the caller's weekly hours and exceptions (wall-clock times in their IANA zone)",
    tags: ['scheduling'],
    auth: 'bearer',
    body: availabilityRequestSchema,
    response: availabilityResponseSchema,
  })
  put(
    @CurrentUser() user: AccessClaims,
    @Body(new ZodPipe(availabilityRequestSchema)) body: Availability,
    @Req() request: Request,
  ): Promise<AvailabilityResponse> {
    return this.availability.put(user.userId, body, requestIp(request));
  }

  @Get('clinicians')
  @ApiDoc({
    summary: 'Clinicians whose diaries can be booked',
    tags: ['scheduling'],
    auth: 'bearer',
    response: clinicianDirectorySchema,
  })
  directory(): Promise<ClinicianDirectoryEntry[]> {
    return this.availability.directory();
  }

  @Get('clinicians/:clinicianId/slots')
  @ApiDoc({
    summary: "A clinician's free future slots in [from, to)",
    tags: ['scheduling'],
    auth: 'bearer',
    query: slotsQuerySchema,
    response: slotsResponseSchema,
    errors: ['NOT_FOUND'],
  })
  slots(
    @Param('clinicianId', uuidParam('clinicianId')) clinicianId: string,
    @Query(new ZodPipe(slotsQuerySchema)) query: z.output<typeof slotsQuerySchema>,
  ): Promise<SlotsResponse> {
    return this.availability.slots(clinicianId, new Date(query.from), new Date(query.to));
  }
}
