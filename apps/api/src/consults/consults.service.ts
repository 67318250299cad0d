import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConsultSummary, CreateConsultResponse, JoinLinkInfo, PatientLink } from '@teleconsult/protocol';
import { IsNull, Not, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { Consult } from './entities/consult.entity';
import { JoinLink, type LinkRevokedReason } from './entities/join-link.entity';
import { hashLinkToken, looksLikeLinkToken, newLinkToken } from './link-token';

export const toSummary = (consult: Consult): ConsultSummary => ({
  id: consult.id,
  title: consult.title,
  status: consult.status,
  patientName: consult.patientName,
  createdAt: consult.createdAt.toISOString(),
  endedAt: consult.endedAt?.toISOString() ?? null,
});

export interface Actor {
  type: 'user' | 'patient';
  id: string;
  ip: string;
}

/** When an appointment's patient link may be used. */
export interface LinkWindow {
  validFrom: Date;
  expiresAt: Date;
}

export type IssuedLink = PatientLink & { validFrom: string | null };

/** What a valid patient link opens. */
export interface ResolvedLink {
  link: JoinLink;
  consult: Consult;
}

@Injectable()
export class ConsultsService {
  /** 'ended' (consultId): signalling closes the room; consults need not know about sockets. */
  readonly events = new EventEmitter<{
    ended: [consultId: string];
    /** The consult's links were replaced: whoever is connected with an old one must go. */
    linksRevoked: [consultId: string];
  }>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectRepository(Consult) private readonly consults: Repository<Consult>,
    @InjectRepository(JoinLink) private readonly links: Repository<JoinLink>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
  ) {}

  async create(
    clinicianId: string,
    input: { title: string; patientName?: string | undefined },
    ip: string,
    options: { id?: string; linkWindow?: LinkWindow } = {},
  ): Promise<CreateConsultResponse & { patientLink: IssuedLink }> {
    const consult: Consult = {
      id: options.id ?? randomUUID(),
      title: input.title,
      status: 'scheduled',
      clinicianId,
      patientName: input.patientName ?? null,
      createdAt: new Date(),
      startedAt: null,
      endedAt: null,
    };
    await this.consults.insert(consult);
    await this.audit.record({
      actorType: 'user',
      actorId: clinicianId,
      action: 'consult.created',
      consultId: consult.id,
      ip,
    });
    const patientLink = await this.issueLink(
      consult,
      { type: 'user', id: clinicianId, ip },
      options.linkWindow,
    );
    return { consult: toSummary(consult), patientLink };
  }

  async listOwn(clinicianId: string): Promise<ConsultSummary[]> {
    const rows = await this.consults.find({
      where: { clinicianId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return rows.map(toSummary);
  }

  /** The consult if this clinician owns it; others get the same 404 as a missing one. */
  async getOwned(clinicianId: string, consultId: string): Promise<Consult> {
    const consult = await this.consults.findOne({ where: { id: consultId, clinicianId } });
    if (!consult) throw new ApiError('NOT_FOUND', 'no such consult', 'id');
    return consult;
  }

  async reissueLink(
    clinicianId: string,
    consultId: string,
    ip: string,
    window?: LinkWindow,
  ): Promise<IssuedLink> {
    const consult = await this.getOwned(clinicianId, consultId);
    if (consult.status === 'ended') throw new ApiError('CONSULT_ENDED', 'this consult has ended');
    await this.revokeLinks(consultId, 'reissued');
    return this.issueLink(consult, { type: 'user', id: clinicianId, ip }, window);
  }

  /** Moves the window of the consult's live links (a rescheduled appointment keeps its link). */
  async moveLinkWindow(consultId: string, window: LinkWindow): Promise<void> {
    await this.links.update(
      { consultId, revokedAt: IsNull() },
      { validFrom: window.validFrom, expiresAt: window.expiresAt },
    );
  }

  /** A cancelled appointment: the room closes and its link says so. */
  async cancel(consultId: string, actor: Actor): Promise<void> {
    const endedAt = new Date();
    await this.consults.update({ id: consultId, status: Not('ended') }, { status: 'ended', endedAt });
    await this.revokeLinks(consultId, 'cancelled', endedAt);
    await this.audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: 'consult.cancelled',
      consultId,
      ip: actor.ip,
    });
    this.events.emit('ended', consultId);
  }

  private async revokeLinks(consultId: string, reason: LinkRevokedReason, at = new Date()): Promise<void> {
    await this.links.update({ consultId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
    if (reason === 'reissued') this.events.emit('linksRevoked', consultId);
  }

  async end(clinicianId: string, consultId: string, ip: string): Promise<ConsultSummary> {
    const consult = await this.getOwned(clinicianId, consultId);
    if (consult.status !== 'ended') {
      consult.status = 'ended';
      consult.endedAt = new Date();
      await this.consults.update({ id: consult.id }, { status: 'ended', endedAt: consult.endedAt });
      await this.revokeLinks(consultId, 'ended', consult.endedAt);
      await this.audit.record({
        actorType: 'user',
        actorId: clinicianId,
        action: 'consult.ended',
        consultId,
        ip,
      });
      this.events.emit('ended', consultId);
    }
    return toSummary(consult);
  }

  async markStarted(consultId: string): Promise<void> {
    await this.consults.update(
      { id: consultId, status: 'scheduled' },
      { status: 'active', startedAt: new Date() },
    );
  }

  /** Checks a patient link: forged/unknown, ended, revoked or expired each get their own code. */
  async resolveLink(token: string): Promise<ResolvedLink> {
    const link = looksLikeLinkToken(token)
      ? await this.links.findOne({ where: { tokenHash: hashLinkToken(token) } })
      : null;
    if (!link)
      throw new ApiError('LINK_INVALID', 'this link is not valid — check that it was copied completely');
    const consult = await this.consults.findOneOrFail({ where: { id: link.consultId } });
    if (link.revokedReason === 'cancelled')
      throw new ApiError(
        'APPOINTMENT_CANCELLED',
        'this appointment was cancelled — contact the clinic if you need a new one',
      );
    if (consult.status === 'ended') throw new ApiError('CONSULT_ENDED', 'this consultation has ended');
    if (link.revokedAt)
      throw new ApiError(
        'LINK_REVOKED',
        'this link was replaced by a newer one — ask your clinician for the current link',
      );
    if (link.expiresAt.getTime() <= Date.now())
      throw new ApiError('LINK_EXPIRED', 'this link has expired — ask your clinician for a new one');
    if (link.validFrom && link.validFrom.getTime() > Date.now())
      throw new ApiError(
        'LINK_NOT_YET_VALID',
        `this link opens at ${link.validFrom.toISOString()}, shortly before your appointment — please come back then`,
      );
    return { link, consult };
  }

  async describeLink(token: string, ip: string): Promise<JoinLinkInfo> {
    const { link, consult } = await this.resolveLink(token);
    const clinician = await this.users.findOneOrFail({ where: { id: consult.clinicianId } });
    await this.audit.record({
      actorType: 'patient',
      actorId: `link:${link.id}`,
      action: 'link.opened',
      consultId: consult.id,
      ip,
    });
    return {
      consultTitle: consult.title,
      clinicianName: clinician.displayName,
      patientName: consult.patientName,
      validUntil: link.expiresAt.toISOString(),
    };
  }

  async clinicianName(clinicianId: string): Promise<string> {
    return (await this.users.findOneOrFail({ where: { id: clinicianId } })).displayName;
  }

  private async issueLink(consult: Consult, actor: Actor, window?: LinkWindow): Promise<IssuedLink> {
    const token = newLinkToken();
    const expiresAt = window?.expiresAt ?? new Date(Date.now() + this.config.JOIN_LINK_TTL_HOURS * 3600_000);
    const link: JoinLink = {
      id: randomUUID(),
      consultId: consult.id,
      tokenHash: hashLinkToken(token),
      validFrom: window?.validFrom ?? null,
      expiresAt,
      revokedAt: null,
      revokedReason: null,
      createdAt: new Date(),
    };
    await this.links.insert(link);
    await this.audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: 'link.issued',
      consultId: consult.id,
      ip: actor.ip,
    });
    return {
      url: `${this.config.PUBLIC_URL}/join/${token}`,
      expiresAt: expiresAt.toISOString(),
      validFrom: link.validFrom?.toISOString() ?? null,
    };
  }
}
