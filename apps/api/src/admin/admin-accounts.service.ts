import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ClinicianAccount, CreateClinicianRequest } from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { hashPassword } from '../auth/password-hasher';
import { SessionService } from '../auth/session.service';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/db-errors';

const toAccount = (user: User): ClinicianAccount => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  createdAt: user.createdAt.toISOString(),
  disabledAt: user.disabledAt?.toISOString() ?? null,
});

/** Clinician accounts, as an admin manages them. Every change is audited with the admin's id. */
@Injectable()
export class AdminAccountsService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ClinicianAccount[]> {
    return (await this.users.find({ where: { role: 'clinician' }, order: { displayName: 'ASC' } })).map(
      toAccount,
    );
  }

  async create(
    adminId: string,
    input: Required<CreateClinicianRequest>,
    ip: string,
  ): Promise<ClinicianAccount> {
    const user: User = {
      id: randomUUID(),
      email: input.email,
      displayName: input.displayName,
      role: 'clinician',
      passwordHash: await hashPassword(input.password),
      createdAt: new Date(),
      disabledAt: null,
    };
    try {
      await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError('CONFLICT', 'email: an account with this e-mail exists', 'email');
      throw error;
    }
    await this.record(adminId, 'admin.clinician_created', user.id, ip);
    return toAccount(user);
  }

  async setDisabled(
    adminId: string,
    clinicianId: string,
    disabled: boolean,
    ip: string,
  ): Promise<ClinicianAccount> {
    const user = await this.clinician(clinicianId);
    user.disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    await this.users.update({ id: user.id }, { disabledAt: user.disabledAt });
    if (disabled) await this.sessions.revokeAllFor(user.id, 'account_disabled');
    await this.record(
      adminId,
      disabled ? 'admin.clinician_disabled' : 'admin.clinician_enabled',
      user.id,
      ip,
    );
    return toAccount(user);
  }

  async resetPassword(
    adminId: string,
    clinicianId: string,
    password: string,
    ip: string,
  ): Promise<ClinicianAccount> {
    const user = await this.clinician(clinicianId);
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(password) });
    await this.sessions.revokeAllFor(user.id, 'password_reset');
    await this.record(adminId, 'admin.password_reset', user.id, ip);
    return toAccount(user);
  }

  private async clinician(id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id, role: 'clinician' } });
    if (!user) throw new ApiError('NOT_FOUND', 'no such clinician', 'id');
    return user;
  }

  private record(adminId: string, action: string, clinicianId: string, ip: string) {
    return this.audit.record({ actorType: 'user', actorId: adminId, action, ip, detail: { clinicianId } });
  }
}
