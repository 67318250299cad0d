import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  type AuditPage,
  type ClinicianAccount,
  auditPageSchema,
  auditQuerySchema,
  clinicianAccountListSchema,
  clinicianAccountSchema,
  createClinicianRequestSchema,
  resetPasswordRequestSchema,
} from '@teleconsult/protocol';
import type { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ApiDoc, type ApiDocSpec } from '../openapi/api-doc.decorator';
import { AdminAccountsService } from './admin-accounts.service';
import { AuditLogService } from './audit-log.service';

const clinicianId = new ParseUUIDPipe({
  exceptionFactory: () => new ApiError('VALIDATION_FAILED', 'id: must be a UUID', 'id'),
});
const doc = (summary: string, rest: Omit<ApiDocSpec, 'summary'> = {}) =>
  ApiDoc({ summary, tags: ['admin'], auth: 'bearer', ...rest });

/** Admins manage clinician accounts and read the audit trail; they get no patient media or notes. */
@Controller('api/admin')
@UseGuards(AuthGuard)
@Roles('admin')
export class AdminController {
  constructor(
    private readonly accounts: AdminAccountsService,
    private readonly auditLog: AuditLogService,
  ) {}

  @Get('clinicians')
  @doc('Clinician accounts', { response: clinicianAccountListSchema })
  list(): Promise<ClinicianAccount[]> {
    return this.accounts.list();
  }

  @Post('clinicians')
  @doc('Create a clinician account with an initial password (≥ 12 characters)', {
    body: createClinicianRequestSchema,
    response: clinicianAccountSchema,
    status: 201,
    errors: ['CONFLICT'],
  })
  create(
    @CurrentUser() admin: AccessClaims,
    @Body(new ZodPipe(createClinicianRequestSchema)) body: z.output<typeof createClinicianRequestSchema>,
    @Req() request: Request,
  ): Promise<ClinicianAccount> {
    return this.accounts.create(admin.userId, body, requestIp(request));
  }

  @Post('clinicians/:id/disable')
  @HttpCode(200)
  @doc('Disable an account: it cannot sign in and its sessions end at once', {
    response: clinicianAccountSchema,
    errors: ['NOT_FOUND'],
  })
  disable(
    @CurrentUser() admin: AccessClaims,
    @Param('id', clinicianId) id: string,
    @Req() request: Request,
  ): Promise<ClinicianAccount> {
    return this.accounts.setDisabled(admin.userId, id, true, requestIp(request));
  }

  @Post('clinicians/:id/enable')
  @HttpCode(200)
  @doc('Enable a disabled account', { response: clinicianAccountSchema, errors: ['NOT_FOUND'] })
  enable(
    @CurrentUser() admin: AccessClaims,
    @Param('id', clinicianId) id: string,
    @Req() request: Request,
  ): Promise<ClinicianAccount> {
    return this.accounts.setDisabled(admin.userId, id, false, requestIp(request));
  }

  @Post('clinicians/:id/password')
  @HttpCode(200)
  @doc("Set a new password (the account's sessions end)", {
    body: resetPasswordRequestSchema,
    response: clinicianAccountSchema,
    errors: ['NOT_FOUND'],
  })
  resetPassword(
    @CurrentUser() admin: AccessClaims,
    @Param('id', clinicianId) id: string,
    @Body(new ZodPipe(resetPasswordRequestSchema)) body: z.output<typeof resetPasswordRequestSchema>,
    @Req() request: Request,
  ): Promise<ClinicianAccount> {
    return this.accounts.resetPassword(admin.userId, id, body.password, requestIp(request));
  }

  @Get('audit')
  @doc('The audit trail, newest first, filtered and paged by cursor (reading it is audited)', {
    query: auditQuerySchema,
    response: auditPageSchema,
  })
  audit(
    @CurrentUser() admin: AccessClaims,
    @Query(new ZodPipe(auditQuerySchema)) query: z.output<typeof auditQuerySchema>,
    @Req() request: Request,
  ): Promise<AuditPage> {
    return this.auditLog.page(admin.userId, query, requestIp(request));
  }
}
