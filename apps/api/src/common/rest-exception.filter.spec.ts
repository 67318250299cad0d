import { ForbiddenException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ApiError } from './api-error';
import { toRestError } from './rest-exception.filter';

describe('toRestError', () => {
  it('keeps the code, status and field of an ApiError', () => {
    expect(toRestError(new ApiError('VALIDATION_FAILED', 'title: too short', 'title'))).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'title: too short',
      field: 'title',
    });
    expect(toRestError(new ApiError('LINK_EXPIRED', 'this link has expired'))).toEqual({
      statusCode: 410,
      code: 'LINK_EXPIRED',
      message: 'this link has expired',
    });
  });

  it('maps Nest HTTP exceptions (unknown route, guards) onto protocol codes', () => {
    expect(toRestError(new NotFoundException('Cannot GET /api/nope'))).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
    });
    expect(toRestError(new ForbiddenException())).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(toRestError(new PayloadTooLargeException())).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('answers body-parser failures: malformed JSON is 400, an oversized body 413', () => {
    expect(
      toRestError(
        Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }),
      ),
    ).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(
      toRestError(Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 })),
    ).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('hides the message and stack of anything unexpected', () => {
    const body = toRestError(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL', message: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|hunter2|at /);
  });
});
