import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type WardStaffList,
  type WardStaffMember,
  addWardStaffSchema,
  wardStaffListSchema,
  wardStaffMemberSchema,
} from '@teleconsult/protocol';
import type { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ZodPipe } from '../common/zod-body.pipe';
import { actorOf, icuDoc, uuidParam } from './icu-routes';
import { WardStaffService } from './ward-staff.service';

/**
 * Ward staff, for admins: the clinicians who may watch a ward. Removing one ends their live
 * station subscription to it at once.
 */
@Controller('api/icu/wards/:wardId/staff')
@UseGuards(AuthGuard)
@Roles('admin')
export class WardStaffController {
  constructor(private readonly staff: WardStaffService) {}

  @Get()
  @icuDoc('The clinicians on a ward’s staff', { response: wardStaffListSchema, errors: ['NOT_FOUND'] })
  async list(@Param('wardId', uuidParam('wardId')) wardId: string): Promise<WardStaffList> {
    return { staff: await this.staff.list(wardId) };
  }

  @Post()
  @icuDoc('Put a clinician on a ward’s staff (audited)', {
    body: addWardStaffSchema,
    response: wardStaffMemberSchema,
    status: 201,
    errors: ['NOT_FOUND', 'NOT_A_CLINICIAN', 'ACCOUNT_DISABLED', 'CONFLICT'],
  })
  add(
    @CurrentUser() user: AccessClaims,
    @Param('wardId', uuidParam('wardId')) wardId: string,
    @Body(new ZodPipe(addWardStaffSchema)) body: z.output<typeof addWardStaffSchema>,
    @Req() request: Request,
  ): Promise<WardStaffMember> {
    return this.staff.add(wardId, body.userId, actorOf(user, request));
  }

  @Delete(':userId')
  @HttpCode(204)
  @icuDoc('Take a clinician off a ward’s staff: their live station view of it ends at once (audited)', {
    status: 204,
    errors: ['NOT_FOUND'],
  })
  async remove(
    @CurrentUser() user: AccessClaims,
    @Param('wardId', uuidParam('wardId')) wardId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.staff.remove(wardId, userId, actorOf(user, request));
  }
}
