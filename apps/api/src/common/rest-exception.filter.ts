import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { RestErrorBody } from '@teleconsult/protocol';
import { ApiError } from './api-error';

const codeOfStatus: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** body-parser's own errors (malformed JSON, too large) carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status: number;
}
const isBodyParserError = (e: unknown): e is BodyParserError =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as BodyParserError).type === 'string' &&
  typeof (e as BodyParserError).status === 'number';

/** Turns any exception into the RestErrorBody clients rely on; internals and stack traces never leave. */
export function toRestError(exception: unknown): RestErrorBody {
  if (exception instanceof ApiError) {
    const body: RestErrorBody = {
      statusCode: exception.getStatus(),
      code: exception.code,
      message: exception.message,
    };
    return exception.field === undefined ? body : { ...body, field: exception.field };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    return { statusCode, code: codeOfStatus[statusCode] ?? 'INTERNAL', message: exception.message };
  }
  if (isBodyParserError(exception)) {
    if (exception.type === 'entity.too.large') {
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than the limit' };
    }
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'request body is not valid JSON' };
  }
  return {
    statusCode: 500,
    code: 'INTERNAL',
    message: 'something went wrong on our side; it has been logged',
  };
}

@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RestExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toRestError(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ApiError && exception.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }
}
