import { errors } from 'mediasoup';
import type { ErrorCode } from '@teleconsult/protocol';

/** A failure with a protocol error code, answered to the api instead of crashing anything. */
export class SfuError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A worker that died mid-request: the room is about to be reset, the request itself was fine. */
export function workerClosedError(error: unknown): SfuError | undefined {
  return error instanceof errors.WorkerClosedError
    ? new SfuError('SFU_UNAVAILABLE', 'the room’s media worker stopped; the room will be reset')
    : undefined;
}

/**
 * mediasoup rejects parameters it cannot use (TypeError, UnsupportedError from its Node side,
 * errors from the worker such as a duplicated SSRC): for these calls that is bad client input.
 */
export async function asMediaParameterError<T>(action: () => Promise<T>, what: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof SfuError) throw error;
    const unavailable = workerClosedError(error);
    if (unavailable) throw unavailable;
    const message = error instanceof Error ? error.message : String(error);
    throw new SfuError('INVALID_MEDIA_PARAMETERS', `${what}: ${message}`);
  }
}
