import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import type { UserRole } from './entities/user.entity';
import { SessionService } from './session.service';

export interface AccessClaims {
  userId: string;
  role: UserRole;
  name: string;
  /** The sign-in session: logging out or disabling the account revokes it, and the token with it. */
  sessionId: string;
}

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'teleconsult-api';

/** Short-lived HS256 access tokens; nothing about the patient is ever put in one. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    private readonly sessions: SessionService,
  ) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    const token = await new SignJWT({ role: claims.role, name: claims.name, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<AccessClaims> {
    let claims: AccessClaims;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role;
      if (
        typeof payload.sub !== 'string' ||
        (role !== 'clinician' && role !== 'admin') ||
        typeof payload.name !== 'string' ||
        typeof payload.sid !== 'string'
      ) {
        throw new Error('claims missing');
      }
      claims = { userId: payload.sub, role, name: payload.name, sessionId: payload.sid };
    } catch {
      throw new ApiError('UNAUTHENTICATED', 'your session has expired or is not valid; sign in again');
    }
    if (!(await this.sessions.isActive(claims.sessionId)))
      throw new ApiError('UNAUTHENTICATED', 'you have been signed out; sign in again');
    return claims;
  }
}
