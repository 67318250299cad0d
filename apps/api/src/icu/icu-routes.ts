import { ParseUUIDPipe } from '@nestjs/common';
import type { Request } from 'express';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ApiDoc, type ApiDocSpec } from '../openapi/api-doc.decorator';
import type { Actor } from './wards.service';

/** Shared by the ICU controllers: a UUID path parameter, the OpenAPI entry, the audit actor. */
export const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new ApiError('VALIDATION_FAILED', `${field}: must be a UUID`, field),
  });
export const icuDoc = (summary: string, rest: Omit<ApiDocSpec, 'summary'> = {}) =>
  ApiDoc({ summary, tags: ['icu'], auth: 'bearer', ...rest });
export const actorOf = (user: AccessClaims, request: Request): Actor => ({
  userId: user.userId,
  name: user.name,
  ip: requestIp(request),
});
