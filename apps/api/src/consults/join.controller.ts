import { Controller, Get, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { type JoinLinkInfo, joinLinkInfoSchema } from '@teleconsult/protocol';
import { requestIp } from '../common/request-ip';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { ConsultsService } from './consults.service';

/** The patient side of a link: public, answers only what greeting the patient needs. */
@Controller('api/join')
export class JoinController {
  constructor(private readonly consults: ConsultsService) {}

  @Get(':token')
  @ApiDoc({
    summary: 'What a patient link opens (greeting only); each failure has its own code',
    tags: ['patient link'],
    auth: 'link',
    response: joinLinkInfoSchema,
    errors: [
      'LINK_INVALID',
      'LINK_EXPIRED',
      'LINK_REVOKED',
      'LINK_NOT_YET_VALID',
      'APPOINTMENT_CANCELLED',
      'CONSULT_ENDED',
    ],
  })
  describe(@Param('token') token: string, @Req() request: Request): Promise<JoinLinkInfo> {
    return this.consults.describeLink(token, requestIp(request));
  }
}
