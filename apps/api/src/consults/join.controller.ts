import { Controller, Get, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { JoinLinkInfo } from '@teleconsult/protocol';
import { requestIp } from '../common/request-ip';
import { ConsultsService } from './consults.service';

/** The patient side of a link: public, answers only what greeting the patient needs. */
@Controller('api/join')
export class JoinController {
  constructor(private readonly consults: ConsultsService) {}

  @Get(':token')
  describe(@Param('token') token: string, @Req() request: Request): Promise<JoinLinkInfo> {
    return this.consults.describeLink(token, requestIp(request));
  }
}
