import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import {
  type LoginRequest,
  type LoginResponse,
  type UserInfo,
  loginRequestSchema,
  loginResponseSchema,
  userInfoSchema,
} from '@teleconsult/protocol';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { AuthGuard, CurrentUser } from './auth.guard';
import { AuthService, type ClientInfo, type SignedIn } from './auth.service';
import type { AccessClaims } from './token.service';

/** The refresh token lives only in this cookie: httpOnly (no script can read it), sent only to /api/auth. */
export const REFRESH_COOKIE = 'tc_refresh';

const clientOf = (request: Request): ClientInfo => ({
  ip: requestIp(request),
  userAgent: request.headers['user-agent'],
});

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Sign in; returns a 15-minute access token and sets the refresh cookie (httpOnly, SameSite=Strict)',
    tags: ['auth'],
    auth: 'none',
    body: loginRequestSchema,
    response: loginResponseSchema,
    status: 200,
    errors: ['RATE_LIMITED', 'FORBIDDEN'],
  })
  async login(
    @Body(new ZodPipe(loginRequestSchema)) body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    return this.withCookie(response, await this.auth.login(body, clientOf(request)));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Exchange the refresh cookie for a new access token; the cookie rotates (a reused one ends the session)',
    tags: ['auth'],
    auth: 'none',
    response: loginResponseSchema,
    status: 200,
  })
  async refresh(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const token = parseCookies(request.headers.cookie ?? '')[REFRESH_COOKIE];
    if (!token) throw new ApiError('UNAUTHENTICATED', 'sign in to continue');
    try {
      return this.withCookie(response, await this.auth.refresh(token, clientOf(request)));
    } catch (error) {
      this.clearCookie(response);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(AuthGuard)
  @ApiDoc({
    summary: 'Sign out: the session, its access token and its refresh cookie stop working',
    tags: ['auth'],
    auth: 'bearer',
    status: 204,
  })
  async logout(
    @CurrentUser() user: AccessClaims,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(user.sessionId, user.userId, requestIp(request));
    this.clearCookie(response);
  }

  @Get('me')
  @UseGuards(AuthGuard)
  @ApiDoc({ summary: 'The signed-in user', tags: ['auth'], auth: 'bearer', response: userInfoSchema })
  me(@CurrentUser() user: AccessClaims): Promise<UserInfo> {
    return this.auth.me(user.userId);
  }

  private withCookie(response: Response, signedIn: SignedIn): LoginResponse {
    response.cookie(REFRESH_COOKIE, signedIn.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.PUBLIC_URL.startsWith('https:'),
      path: '/api/auth',
      // No maxAge: a browser-session cookie; the server ends the session after 12 hours anyway.
    });
    return signedIn.response;
  }

  private clearCookie(response: Response): void {
    response.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
  }
}
