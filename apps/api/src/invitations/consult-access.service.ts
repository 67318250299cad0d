import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConsultAccessRole } from '@teleconsult/protocol';
import { IsNull, type Repository } from 'typeorm';
import { ApiError } from '../common/api-error';
import { Consult } from '../consults/entities/consult.entity';
import { ConsultInvitation } from './entities/consult-invitation.entity';

export interface OpenedConsult {
  consult: Consult;
  access: ConsultAccessRole;
}

/**
 * Which clinicians may open a consult: its owner, and clinicians holding a live (not revoked)
 * invitation to it. Everyone else is refused — nobody sees or hears a consult they were not
 * admitted to.
 */
@Injectable()
export class ConsultAccess {
  constructor(
    @InjectRepository(Consult) private readonly consults: Repository<Consult>,
    @InjectRepository(ConsultInvitation) private readonly invitations: Repository<ConsultInvitation>,
  ) {}

  /**
   * The consult and the caller's part in it. A missing consult is NOT_FOUND; an existing one the
   * caller was not invited to is FORBIDDEN (ids are random UUIDs, so this reveals nothing guessable).
   */
  async open(userId: string, consultId: string): Promise<OpenedConsult> {
    const consult = await this.consults.findOne({ where: { id: consultId } });
    if (!consult) throw new ApiError('NOT_FOUND', 'no such consult', 'id');
    if (consult.clinicianId === userId) return { consult, access: 'owner' };
    const invited = await this.invitations.exists({
      where: { consultId, inviteeId: userId, revokedAt: IsNull() },
    });
    if (!invited) throw new ApiError('FORBIDDEN', 'you were not invited to this consult');
    return { consult, access: 'invited' };
  }
}
