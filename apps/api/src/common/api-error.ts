import { HttpException } from '@nestjs/common';
import type { ErrorCode } from '@teleconsult/protocol';

const statusOf: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOT_UNAVAILABLE: 409,
  LINK_NOT_YET_VALID: 403,
  APPOINTMENT_CANCELLED: 410,
  NOT_ADMITTED: 403,
  ADMISSION_DENIED: 403,
  LINK_INVALID: 404,
  LINK_EXPIRED: 410,
  LINK_REVOKED: 410,
  CONSULT_ENDED: 410,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_IMAGE: 400,
  ROOM_FULL: 409,
  INVITATION_USED: 409,
  WARD_NOT_ASSIGNED: 403,
  ACCOUNT_DISABLED: 409,
  NOT_A_CLINICIAN: 422,
  RATE_LIMITED: 429,
  SFU_UNAVAILABLE: 503,
};

/** An error with a protocol code; REST answers it as RestErrorBody, sockets as an error ack. */
export class ApiError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** For RATE_LIMITED: sent as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message, statusOf[code] ?? 500);
  }
}
