import type { Logger } from '@nestjs/common';
import { MAX_SIGNAL_MESSAGE_BYTES, type ProtocolError, validationError } from '@teleconsult/protocol';
import type { ZodType, output } from 'zod';
import { ApiError } from './api-error';

/** The size gate every socket message passes before its schema: null when it fits. */
export function oversizeError(event: string, payload: unknown): ProtocolError | null {
  const size = Buffer.byteLength(JSON.stringify(payload ?? null) ?? '', 'utf8');
  if (size <= MAX_SIGNAL_MESSAGE_BYTES) return null;
  return {
    code: 'PAYLOAD_TOO_LARGE',
    message: `${event} payload is ${size} bytes; the limit is ${MAX_SIGNAL_MESSAGE_BYTES}`,
  };
}

/** An ApiError keeps its code and field; anything else is logged and reported as INTERNAL. */
export function toProtocolError(error: unknown, logger: Logger): ProtocolError {
  if (error instanceof ApiError)
    return error.field === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, field: error.field };
  logger.error(error instanceof Error ? error.stack : String(error));
  return { code: 'INTERNAL', message: 'the server could not complete this request' };
}

/** A socket's handshake auth parsed with its schema; anything else is UNAUTHENTICATED, naming the field. */
export function parseHandshakeAuth<S extends ZodType>(schema: S, auth: unknown): output<S> {
  const parsed = schema.safeParse(auth);
  if (parsed.success) return parsed.data;
  const error = validationError(parsed.error);
  throw new ApiError(
    'UNAUTHENTICATED',
    `handshake auth is missing or malformed (${error.message})`,
    error.field,
  );
}
