import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginRequest, LoginResponse, UserInfo } from '@teleconsult/protocol';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { RateLimit } from '../common/rate-limit';
import { User } from './entities/user.entity';
import { DUMMY_HASH_INPUT, hashPassword, verifyPassword } from './password-hasher';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

export const toUserInfo = (user: User): UserInfo => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
});

export interface SignedIn {
  response: LoginResponse;
  refreshToken: string;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string | undefined;
}

@Injectable()
export class AuthService {
  private dummyHash: Promise<string> | undefined;
  /** Password guessing: 5 failures per account per 15 minutes, 30 attempts per address per 10 minutes. */
  private readonly failuresPerAccount = new RateLimit('failed sign-ins for this account', 5, 15 * 60);
  private readonly attemptsPerAddress = new RateLimit('sign-in attempts from this address', 30, 10 * 60);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async login({ email, password }: LoginRequest, client: ClientInfo): Promise<SignedIn> {
    try {
      await this.attemptsPerAddress.consume(client.ip);
      await this.failuresPerAccount.check(email);
    } catch (error) {
      await this.audit.record({
        actorType: 'system',
        actorId: email,
        action: 'auth.login_throttled',
        ip: client.ip,
      });
      throw error;
    }
    const user = await this.users.findOne({ where: { email } });
    // Unknown email and wrong password look the same, in message and in time.
    this.dummyHash ??= hashPassword(DUMMY_HASH_INPUT);
    const valid = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid) {
      await this.failuresPerAccount.consume(email).catch(() => undefined);
      await this.audit.record({
        actorType: 'system',
        actorId: email,
        action: 'auth.login_failed',
        ip: client.ip,
      });
      throw new ApiError('UNAUTHENTICATED', 'email or password is not correct');
    }
    if (user.disabledAt) {
      await this.audit.record({
        actorType: 'user',
        actorId: user.id,
        action: 'auth.login_disabled',
        ip: client.ip,
      });
      throw new ApiError('FORBIDDEN', 'this account is disabled — contact your administrator');
    }
    await this.failuresPerAccount.reset(email);
    const session = await this.sessions.start(user.id, client.ip, client.userAgent);
    await this.audit.record({
      actorType: 'user',
      actorId: user.id,
      action: 'auth.login',
      ip: client.ip,
      detail: { sessionId: session.sessionId },
    });
    return { response: await this.accessFor(user, session.sessionId), refreshToken: session.refreshToken };
  }

  /** A new access token (and a rotated refresh token) for a live session of an enabled account. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<SignedIn> {
    const rotated = await this.sessions.rotate(refreshToken);
    const user = await this.users.findOne({ where: { id: rotated.userId } });
    if (!user || user.disabledAt) {
      await this.sessions.revoke(rotated.sessionId, 'account_disabled');
      throw new ApiError('UNAUTHENTICATED', 'your session has ended; sign in again');
    }
    await this.audit.record({
      actorType: 'user',
      actorId: user.id,
      action: 'auth.refreshed',
      ip: client.ip,
      detail: { sessionId: rotated.sessionId },
    });
    return { response: await this.accessFor(user, rotated.sessionId), refreshToken: rotated.refreshToken };
  }

  async logout(sessionId: string, userId: string, ip: string): Promise<void> {
    await this.sessions.revoke(sessionId, 'logout');
    await this.audit.record({
      actorType: 'user',
      actorId: userId,
      action: 'auth.logout',
      ip,
      detail: { sessionId },
    });
  }

  async me(userId: string): Promise<UserInfo> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw new ApiError('UNAUTHENTICATED', 'this account no longer exists');
    return toUserInfo(user);
  }

  private async accessFor(user: User, sessionId: string): Promise<LoginResponse> {
    const { token, expiresAt } = await this.tokens.issue({
      userId: user.id,
      role: user.role,
      name: user.displayName,
      sessionId,
    });
    return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUserInfo(user) };
  }
}
