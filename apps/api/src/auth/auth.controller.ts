import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type LoginRequest,
  type LoginResponse,
  type UserInfo,
  loginRequestSchema,
  loginResponseSchema,
  userInfoSchema,
} from '@teleconsult/protocol';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { AuthGuard, CurrentUser } from './auth.guard';
import { AuthService } from './auth.service';
import type { AccessClaims } from './token.service';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @ApiDoc({
    summary: 'Sign in with e-mail and password; returns a short-lived access token',
    tags: ['auth'],
    auth: 'none',
    body: loginRequestSchema,
    response: loginResponseSchema,
    status: 200,
    errors: ['RATE_LIMITED'],
  })
  @HttpCode(200)
  login(
    @Body(new ZodPipe(loginRequestSchema)) body: LoginRequest,
    @Req() request: Request,
  ): Promise<LoginResponse> {
    return this.auth.login(body, requestIp(request));
  }

  @Get('me')
  @ApiDoc({ summary: 'The signed-in user', tags: ['auth'], auth: 'bearer', response: userInfoSchema })
  @UseGuards(AuthGuard)
  me(@CurrentUser() user: AccessClaims): Promise<UserInfo> {
    return this.auth.me(user.userId);
  }
}
