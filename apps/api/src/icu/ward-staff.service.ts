import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WardStaffMember } from '@teleconsult/protocol';
import { In, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/db-errors';
import { WardStaffRow } from './entities/ward-staff.entity';
import { WardAccess } from './ward-access.service';
import { type Actor, WardsService } from './wards.service';

/** Admins assign clinicians to wards and remove them; every change is audited. */
@Injectable()
export class WardStaffService {
  constructor(
    @InjectRepository(WardStaffRow) private readonly staff: Repository<WardStaffRow>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly wards: WardsService,
    private readonly access: WardAccess,
    private readonly audit: AuditService,
  ) {}

  async list(wardId: string): Promise<WardStaffMember[]> {
    await this.wards.ward(wardId);
    const rows = await this.staff.findBy({ wardId });
    const users = rows.length ? await this.users.findBy({ id: In(rows.map((r) => r.userId)) }) : [];
    return rows
      .flatMap((row) => {
        const user = users.find((u) => u.id === row.userId);
        return user ? [toMember(row, user)] : [];
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** Puts an active clinician on the ward's staff; a second add is a CONFLICT. */
  async add(wardId: string, userId: string, actor: Actor): Promise<WardStaffMember> {
    await this.wards.ward(wardId);
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new ApiError('NOT_FOUND', 'no such account', 'userId');
    if (user.role !== 'clinician')
      throw new ApiError('NOT_A_CLINICIAN', 'only clinicians can be on a ward’s staff', 'userId');
    if (user.disabledAt) throw new ApiError('ACCOUNT_DISABLED', 'this account is disabled', 'userId');
    const row: WardStaffRow = { wardId, userId, addedBy: actor.userId, addedAt: new Date() };
    try {
      await this.staff.insert(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError('CONFLICT', `${user.displayName} is already on this ward’s staff`, 'userId');
      throw error;
    }
    this.access.forget(userId);
    await this.record(actor, 'icu.staff.added', { wardId, userId });
    return toMember(row, user);
  }

  /** Takes the clinician off the ward's staff and ends their live access to it at once. */
  async remove(wardId: string, userId: string, actor: Actor): Promise<void> {
    await this.wards.ward(wardId);
    const { affected } = await this.staff.delete({ wardId, userId });
    if (!affected) throw new ApiError('NOT_FOUND', 'this account is not on this ward’s staff', 'userId');
    await this.record(actor, 'icu.staff.removed', { wardId, userId });
    await this.access.revoked(wardId, userId);
  }

  private record(actor: Actor, action: string, detail: Record<string, unknown>): Promise<void> {
    return this.audit.record({ actorType: 'user', actorId: actor.userId, action, ip: actor.ip, detail });
  }
}

const toMember = (row: WardStaffRow, user: User): WardStaffMember => ({
  userId: row.userId,
  displayName: user.displayName,
  email: user.email,
  addedBy: row.addedBy,
  addedAt: row.addedAt.toISOString(),
});
