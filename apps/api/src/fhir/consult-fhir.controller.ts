import { Controller, Get, Header, Param, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { type FhirBundle, fhirBundleSchema } from '@teleconsult/protocol';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { requestIp } from '../common/request-ip';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { uuidParam } from '../scheduling/availability.controller';
import { ConsultFhirService } from './consult-fhir.service';

@Controller('api/consults/:id/fhir')
@UseGuards(AuthGuard)
@Roles('clinician')
export class ConsultFhirController {
  constructor(private readonly fhir: ConsultFhirService) {}

  @Get()
  @Header('content-type', 'application/fhir+json; charset=utf-8')
  @ApiDoc({
    summary:
      'The consult as a FHIR R4 Bundle: Encounter (class VR), Appointment, Practitioners, ImagingStudy / DocumentReference for images shared (audited)',
    tags: ['fhir'],
    auth: 'bearer',
    response: fhirBundleSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  })
  export(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
    @Req() request: Request,
  ): Promise<FhirBundle> {
    return this.fhir.export(user.userId, consultId, requestIp(request));
  }
}
