import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { ApiError } from '../common/api-error';
import { SessionRow } from './entities/session.entity';

/** A sign-in lasts at most one long shift; the access token inside it lives 15 minutes. */
export const SESSION_TTL_MS = 12 * 3600_000;
/** How long a "still active?" answer may be reused: revocation reaches other requests within it. */
const ACTIVE_CACHE_MS = 2_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface IssuedRefresh {
  sessionId: string;
  /** `<session id>.<secret>`: sent to the browser only, as an httpOnly cookie. */
  refreshToken: string;
}

/**
 * Sessions with rotating refresh tokens. Using a refresh token replaces it; presenting one that was
 * already replaced means it was copied, so the whole session is revoked (reuse detection).
 */
@Injectable()
export class SessionService {
  private readonly activeCache = new Map<string, { active: boolean; until: number }>();

  constructor(@InjectRepository(SessionRow) private readonly sessions: Repository<SessionRow>) {}

  async start(userId: string, ip: string, userAgent: string | undefined): Promise<IssuedRefresh> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.sessions.insert({
      id,
      userId,
      refreshHash: sha256(secret),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      lastUsedAt: now,
      revokedAt: null,
      revokedReason: null,
      ip: ip.slice(0, 64),
      userAgent: userAgent?.slice(0, 200) ?? null,
    });
    return { sessionId: id, refreshToken: `${id}.${secret}` };
  }

  /** Exchanges a refresh token for a new one; returns the session's user. */
  async rotate(refreshToken: string): Promise<IssuedRefresh & { userId: string }> {
    const invalid = new ApiError('UNAUTHENTICATED', 'your session has ended; sign in again');
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalid;
    const session = await this.sessions.findOne({ where: { id } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw invalid;
    const presented = Buffer.from(sha256(secret));
    if (!timingSafeEqual(presented, Buffer.from(session.refreshHash))) {
      await this.revoke(id, 'refresh_reuse');
      throw invalid;
    }
    const next = randomBytes(32).toString('base64url');
    // Compare-and-set: of two concurrent refreshes with the same token only one rotates.
    const result = await this.sessions.update(
      { id, refreshHash: session.refreshHash, revokedAt: IsNull() },
      { refreshHash: sha256(next), lastUsedAt: new Date() },
    );
    if (result.affected === 0) throw invalid;
    return { sessionId: id, refreshToken: `${id}.${next}`, userId: session.userId };
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.sessions.update(
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    this.activeCache.delete(sessionId);
  }

  async revokeAllFor(userId: string, reason: string): Promise<void> {
    const open = await this.sessions.find({ where: { userId, revokedAt: IsNull() }, select: { id: true } });
    await this.sessions.update(
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    for (const { id } of open) this.activeCache.delete(id);
  }

  async isActive(sessionId: string): Promise<boolean> {
    const cached = this.activeCache.get(sessionId);
    if (cached && cached.until > Date.now()) return cached.active;
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    const active = !!session && !session.revokedAt && session.expiresAt.getTime() > Date.now();
    this.activeCache.set(sessionId, { active, until: Date.now() + ACTIVE_CACHE_MS });
    if (this.activeCache.size > 10_000) this.activeCache.clear();
    return active;
  }
}
