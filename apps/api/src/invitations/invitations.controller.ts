import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type ConsultMembership,
  type CreateInvitationResponse,
  type Invitation,
  type InvitedConsult,
  type RedeemInvitationResponse,
  consultMembershipSchema,
  createInvitationRequestSchema,
  createInvitationResponseSchema,
  invitationListSchema,
  invitationSchema,
  invitedConsultListSchema,
  redeemInvitationResponseSchema,
} from '@teleconsult/protocol';
import { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ConsultsService, toSummary } from '../consults/consults.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { uuidParam } from '../scheduling/availability.controller';
import { ConsultAccess } from './consult-access.service';
import { InvitationsService } from './invitations.service';

export const redeemInvitationRequestSchema = z.object({ token: z.string().min(1).max(256) });

const actorOf = (user: AccessClaims, request: Request) => ({ userId: user.userId, ip: requestIp(request) });

/** The consult's owner invites, lists and revokes; any clinician sees what they may open. */
@Controller('api/consults/:id')
@UseGuards(AuthGuard)
@Roles('clinician')
export class ConsultInvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly access: ConsultAccess,
    private readonly consults: ConsultsService,
  ) {}

  @Post('invitations')
  @ApiDoc({
    summary:
      'Invite a clinician into the consult: by account (they see it on their dashboard), or a one-time link returned once',
    tags: ['invitations'],
    auth: 'bearer',
    body: createInvitationRequestSchema,
    response: createInvitationResponseSchema,
    status: 201,
    errors: ['NOT_FOUND', 'CONFLICT', 'CONSULT_ENDED'],
  })
  create(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
    @Body(new ZodPipe(createInvitationRequestSchema)) body: z.output<typeof createInvitationRequestSchema>,
    @Req() request: Request,
  ): Promise<CreateInvitationResponse> {
    return this.invitations.create(actorOf(user, request), consultId, body);
  }

  @Get('invitations')
  @ApiDoc({
    summary: "The consult's invitations (owner only)",
    tags: ['invitations'],
    auth: 'bearer',
    response: invitationListSchema,
    errors: ['NOT_FOUND'],
  })
  list(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
    @Req() request: Request,
  ): Promise<Invitation[]> {
    return this.invitations.listForConsult(actorOf(user, request), consultId);
  }

  @Post('invitations/:invitationId/revoke')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Withdraw an invitation: an unused link stops working, an invitee in the room is removed',
    tags: ['invitations'],
    auth: 'bearer',
    response: invitationSchema,
    errors: ['NOT_FOUND'],
  })
  revoke(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
    @Req() request: Request,
  ): Promise<Invitation> {
    return this.invitations.revoke(actorOf(user, request), consultId, invitationId);
  }

  @Get('membership')
  @ApiDoc({
    summary: 'The consult as the caller may open it: as its owner or as an invited clinician',
    tags: ['invitations'],
    auth: 'bearer',
    response: consultMembershipSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  })
  async membership(
    @CurrentUser() user: AccessClaims,
    @Param('id', uuidParam('id')) consultId: string,
  ): Promise<ConsultMembership> {
    const { consult, access } = await this.access.open(user.userId, consultId);
    return {
      consult: toSummary(consult),
      access,
      ownerName: await this.consults.clinicianName(consult.clinicianId),
    };
  }
}

/** The invitee's side: consults one is invited to, and redeeming a one-time link. */
@Controller('api/invitations')
@UseGuards(AuthGuard)
@Roles('clinician')
export class MyInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @ApiDoc({
    summary: 'Running or scheduled consults the caller is invited to',
    tags: ['invitations'],
    auth: 'bearer',
    response: invitedConsultListSchema,
  })
  list(@CurrentUser() user: AccessClaims): Promise<InvitedConsult[]> {
    return this.invitations.invitedConsults(user.userId);
  }

  @Post('redeem')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Claim a one-time specialist link: the first clinician to redeem it becomes the invitee',
    tags: ['invitations'],
    auth: 'bearer',
    body: redeemInvitationRequestSchema,
    response: redeemInvitationResponseSchema,
    errors: ['LINK_INVALID', 'LINK_EXPIRED', 'LINK_REVOKED', 'INVITATION_USED', 'CONSULT_ENDED', 'CONFLICT'],
  })
  redeem(
    @CurrentUser() user: AccessClaims,
    @Body(new ZodPipe(redeemInvitationRequestSchema)) body: z.output<typeof redeemInvitationRequestSchema>,
    @Req() request: Request,
  ): Promise<RedeemInvitationResponse> {
    return this.invitations.redeem(actorOf(user, request), body.token);
  }
}
