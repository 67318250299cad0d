import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginRequest, LoginResponse, UserInfo } from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { User } from './entities/user.entity';
import { DUMMY_HASH_INPUT, hashPassword, verifyPassword } from './password-hasher';
import { TokenService } from './token.service';

export const toUserInfo = (user: User): UserInfo => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
});

@Injectable()
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  async login({ email, password }: LoginRequest, ip: string): Promise<LoginResponse> {
    const user = await this.users.findOne({ where: { email } });
    // Unknown email and wrong password look the same, in message and in time.
    this.dummyHash ??= hashPassword(DUMMY_HASH_INPUT);
    const valid = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid) {
      await this.audit.record({ actorType: 'system', actorId: email, action: 'auth.login_failed', ip });
      throw new ApiError('UNAUTHENTICATED', 'email or password is not correct');
    }
    const { token, expiresAt } = await this.tokens.issue({
      userId: user.id,
      role: user.role,
      name: user.displayName,
    });
    await this.audit.record({ actorType: 'user', actorId: user.id, action: 'auth.login', ip });
    return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUserInfo(user) };
  }

  async me(userId: string): Promise<UserInfo> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw new ApiError('UNAUTHENTICATED', 'this account no longer exists');
    return toUserInfo(user);
  }
}
