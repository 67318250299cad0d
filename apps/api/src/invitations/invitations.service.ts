import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  CreateInvitationRequest,
  CreateInvitationResponse,
  Invitation,
  InvitationStatus,
  InvitedConsult,
} from '@teleconsult/protocol';
import { In, IsNull, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ConsultsService, toSummary } from '../consults/consults.service';
import { Consult } from '../consults/entities/consult.entity';
import { hashLinkToken, looksLikeLinkToken, newLinkToken } from '../consults/link-token';
import { ConsultInvitation } from './entities/consult-invitation.entity';

export interface ClinicianActor {
  userId: string;
  ip: string;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function invitationStatus(row: ConsultInvitation, now = Date.now()): InvitationStatus {
  if (row.revokedAt) return 'revoked';
  if (row.inviteeId) return 'accepted';
  return row.expiresAt && row.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

/**
 * The owner of a consult invites colleagues into it: by account, or by a one-time link that the
 * first signed-in clinician to redeem it claims. Each step is audited; a revoked invitation takes
 * its invitee out of the room (the gateway listens to `revoked`).
 */
@Injectable()
export class InvitationsService {
  readonly events = new EventEmitter<{
    /** consultId, and the clinician who must leave the room (null: an unredeemed link). */
    revoked: [consultId: string, inviteeId: string | null];
    /** A clinician's list of invited consults changed (for their dashboard). */
    changed: [userId: string];
  }>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectRepository(ConsultInvitation) private readonly rows: Repository<ConsultInvitation>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Consult) private readonly consultRows: Repository<Consult>,
    private readonly consults: ConsultsService,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: ClinicianActor,
    consultId: string,
    request: CreateInvitationRequest,
  ): Promise<CreateInvitationResponse> {
    const consult = await this.consults.getOwned(actor.userId, consultId);
    if (consult.status === 'ended') throw new ApiError('CONSULT_ENDED', 'this consult has ended');
    const row: ConsultInvitation = {
      id: randomUUID(),
      consultId,
      invitedBy: actor.userId,
      kind: request.kind,
      inviteeId: null,
      tokenHash: null,
      expiresAt: null,
      redeemedAt: null,
      revokedAt: null,
      createdAt: new Date(),
    };
    let url: string | null = null;
    if (request.kind === 'account') {
      if (request.clinicianId === actor.userId)
        throw new ApiError('CONFLICT', 'you already own this consult', 'clinicianId');
      const invitee = await this.users.findOne({ where: { id: request.clinicianId, role: 'clinician' } });
      if (!invitee || invitee.disabledAt) throw new ApiError('NOT_FOUND', 'no such clinician', 'clinicianId');
      const live = await this.rows.exists({
        where: { consultId, inviteeId: invitee.id, revokedAt: IsNull() },
      });
      if (live) throw new ApiError('CONFLICT', 'this clinician is already invited', 'clinicianId');
      row.inviteeId = invitee.id;
    } else {
      const token = newLinkToken();
      row.tokenHash = hashLinkToken(token);
      row.expiresAt = new Date(Date.now() + this.config.JOIN_LINK_TTL_HOURS * 3600_000);
      url = `${this.config.PUBLIC_URL}/invite/${token}`;
    }
    await this.rows.insert(row);
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'invitation.created',
      consultId,
      ip: actor.ip,
      detail: { invitationId: row.id, kind: row.kind, inviteeId: row.inviteeId },
    });
    if (row.inviteeId) this.events.emit('changed', row.inviteeId);
    return { invitation: await this.toInvitation(row), url };
  }

  async listForConsult(actor: ClinicianActor, consultId: string): Promise<Invitation[]> {
    await this.consults.getOwned(actor.userId, consultId);
    const rows = await this.rows.find({ where: { consultId }, order: { createdAt: 'ASC' } });
    return Promise.all(rows.map((row) => this.toInvitation(row)));
  }

  /** The consults (not ended) this clinician holds a live invitation to, newest first. */
  async invitedConsults(userId: string): Promise<InvitedConsult[]> {
    const rows = await this.rows.find({
      where: { inviteeId: userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    if (rows.length === 0) return [];
    const consults = await this.consultRows.find({ where: { id: In(rows.map((r) => r.consultId)) } });
    const owners = await this.users.find({ where: { id: In(consults.map((c) => c.clinicianId)) } });
    return rows.flatMap((row) => {
      const consult = consults.find((c) => c.id === row.consultId);
      if (!consult || consult.status === 'ended') return [];
      return [
        {
          invitationId: row.id,
          consult: toSummary(consult),
          ownerName: owners.find((u) => u.id === consult.clinicianId)?.displayName ?? '',
          invitedAt: row.createdAt.toISOString(),
        },
      ];
    });
  }

  /**
   * A signed-in clinician claims a one-time link. Unknown, revoked, expired and already-used links
   * each have their own code; the claim is one conditional UPDATE, so two clinicians redeeming at
   * the same moment cannot both win. Redeeming a link one already holds is answered again.
   */
  async redeem(actor: ClinicianActor, token: string): Promise<{ consultId: string }> {
    const row = looksLikeLinkToken(token)
      ? await this.rows.findOne({ where: { tokenHash: hashLinkToken(token) } })
      : null;
    if (!row)
      throw new ApiError(
        'LINK_INVALID',
        'this invitation link is not valid — check that it was copied completely',
      );
    const consult = await this.consultRows.findOneOrFail({ where: { id: row.consultId } });
    if (row.inviteeId === actor.userId && !row.revokedAt) return { consultId: row.consultId };
    if (consult.status === 'ended') throw new ApiError('CONSULT_ENDED', 'this consult has ended');
    if (row.revokedAt) throw new ApiError('LINK_REVOKED', 'the clinician withdrew this invitation');
    if (row.inviteeId)
      throw new ApiError(
        'INVITATION_USED',
        'this invitation link was already used by another clinician — ask for a new one',
      );
    if (consult.clinicianId === actor.userId)
      throw new ApiError('CONFLICT', 'you own this consult — send the link to the specialist');
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now())
      throw new ApiError('LINK_EXPIRED', 'this invitation link has expired — ask for a new one');
    const claimed = await this.rows.update(
      { id: row.id, inviteeId: IsNull(), revokedAt: IsNull() },
      { inviteeId: actor.userId, redeemedAt: new Date() },
    );
    if ((claimed.affected ?? 0) === 0)
      throw new ApiError(
        'INVITATION_USED',
        'this invitation link was already used by another clinician — ask for a new one',
      );
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'invitation.redeemed',
      consultId: row.consultId,
      ip: actor.ip,
      detail: { invitationId: row.id },
    });
    this.events.emit('changed', actor.userId);
    return { consultId: row.consultId };
  }

  async revoke(actor: ClinicianActor, consultId: string, invitationId: string): Promise<Invitation> {
    await this.consults.getOwned(actor.userId, consultId);
    const row = await this.rows.findOne({ where: { id: invitationId, consultId } });
    if (!row) throw new ApiError('NOT_FOUND', 'no such invitation', 'invitationId');
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.rows.update({ id: row.id }, { revokedAt: row.revokedAt });
      await this.audit.record({
        actorType: 'user',
        actorId: actor.userId,
        action: 'invitation.revoked',
        consultId,
        ip: actor.ip,
        detail: { invitationId: row.id, inviteeId: row.inviteeId },
      });
      this.events.emit('revoked', consultId, row.inviteeId);
      if (row.inviteeId) this.events.emit('changed', row.inviteeId);
    }
    return this.toInvitation(row);
  }

  /** Owner and invitees of a consult, for the FHIR export. */
  async invitees(consultId: string): Promise<Array<{ row: ConsultInvitation; user: User }>> {
    const rows = await this.rows.find({ where: { consultId }, order: { createdAt: 'ASC' } });
    const ids = rows.flatMap((r) => (r.inviteeId ? [r.inviteeId] : []));
    const users = ids.length ? await this.users.find({ where: { id: In(ids) } }) : [];
    return rows.flatMap((row) => {
      const user = users.find((u) => u.id === row.inviteeId);
      return user ? [{ row, user }] : [];
    });
  }

  private async toInvitation(row: ConsultInvitation): Promise<Invitation> {
    const invitee = row.inviteeId ? await this.users.findOne({ where: { id: row.inviteeId } }) : null;
    return {
      id: row.id,
      consultId: row.consultId,
      kind: row.kind,
      inviteeId: row.inviteeId,
      inviteeName: invitee?.displayName ?? null,
      status: invitationStatus(row),
      createdAt: row.createdAt.toISOString(),
      expiresAt: iso(row.expiresAt),
      redeemedAt: iso(row.redeemedAt),
    };
  }
}
