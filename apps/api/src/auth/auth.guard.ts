import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import type { UserRole } from './entities/user.entity';
import { type AccessClaims, TokenService } from './token.service';

const ROLES = 'teleconsult:roles';
/** Roles allowed on a route; a guarded route without it admits any signed-in user. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

type AuthedRequest = Request & { user?: AccessClaims };

/** Bearer access token → request.user, then the route's role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new ApiError('UNAUTHENTICATED', 'sign in to continue');
    request.user = await this.tokens.verify(token);
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(request.user.role))
      throw new ApiError('FORBIDDEN', 'your role may not do this');
    return true;
  }
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AccessClaims => {
  const user = context.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new ApiError('UNAUTHENTICATED', 'sign in to continue');
  return user;
});
