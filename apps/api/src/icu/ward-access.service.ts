import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WardView } from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import type { UserRole } from '../auth/entities/user.entity';
import { ApiError } from '../common/api-error';
import { WardStaffRow } from './entities/ward-staff.entity';
import type { BedRow } from './entities/bed.entity';
import { WardsService } from './wards.service';

/** How long a clinician's ward list is reused; adding or removing them forgets it at once. */
const CACHE_MS = 5_000;

type RevocationHandler = (wardId: string, userId: string) => Promise<void>;

/**
 * The one place that decides whether a clinician may see a ward's patients: they must be on its
 * staff. REST routes and the station socket ask here; removal from a ward ends live access at once
 * through the handlers registered with onRevoked (the station gateway's).
 */
@Injectable()
export class WardAccess {
  private readonly cache = new Map<string, { wardIds: ReadonlySet<string>; until: number }>();
  /** Bumped by every forget(): a lookup that started before it does not refill the cache. */
  private epoch = 0;
  private readonly revocationHandlers: RevocationHandler[] = [];

  constructor(
    @InjectRepository(WardStaffRow) private readonly staff: Repository<WardStaffRow>,
    private readonly wards: WardsService,
  ) {}

  /** The wards this clinician staffs (one indexed query, then cached for a few seconds). */
  async wardIdsOf(userId: string): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.wardIds;
    const epoch = this.epoch;
    const rows = await this.staff.find({ select: { wardId: true }, where: { userId } });
    const wardIds = new Set(rows.map((row) => row.wardId));
    if (epoch === this.epoch) this.cache.set(userId, { wardIds, until: Date.now() + CACHE_MS });
    return wardIds;
  }

  /** The wards a user may list: a clinician's own; every ward for an admin (who sees no patients). */
  async visibleWards(user: { userId: string; role: UserRole }): Promise<WardView[]> {
    const all = await this.wards.listWards();
    if (user.role === 'admin') return all;
    const mine = await this.wardIdsOf(user.userId);
    return all.filter((ward) => mine.has(ward.id));
  }

  /** The ward must exist (NOT_FOUND) and the clinician be on its staff (WARD_NOT_ASSIGNED). */
  async assertWard(userId: string, wardId: string): Promise<WardView> {
    const ward = await this.wards.ward(wardId);
    await this.assertStaff(userId, wardId, 'wardId');
    return ward;
  }

  /** The bed, if it exists (NOT_FOUND) and the clinician staffs its ward (WARD_NOT_ASSIGNED). */
  async bedOf(userId: string, bedId: string): Promise<BedRow> {
    const bed = await this.wards.bed(bedId);
    await this.assertStaff(userId, bed.wardId, 'bedId');
    return bed;
  }

  /** Drops the clinician's cached ward list (their assignments just changed). */
  forget(userId: string): void {
    this.epoch += 1;
    this.cache.delete(userId);
  }

  /** Called back, and awaited, whenever a clinician is removed from a ward. */
  onRevoked(handler: RevocationHandler): void {
    this.revocationHandlers.push(handler);
  }

  async revoked(wardId: string, userId: string): Promise<void> {
    this.forget(userId);
    await Promise.all(this.revocationHandlers.map((handler) => handler(wardId, userId)));
  }

  /** The clinician is on the ward's staff, or WARD_NOT_ASSIGNED. */
  async assertStaff(userId: string, wardId: string, field = 'wardId'): Promise<void> {
    if (!(await this.wardIdsOf(userId)).has(wardId))
      throw new ApiError(
        'WARD_NOT_ASSIGNED',
        'you are not on the staff of this ward — ask an administrator to assign you',
        field,
      );
  }
}
