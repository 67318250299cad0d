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

/** mediasoup rejects parameters it cannot use with TypeError/UnsupportedError: that is bad input. */
export async function asMediaParameterError<T>(action: () => Promise<T>, what: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof SfuError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new SfuError('INVALID_MEDIA_PARAMETERS', `${what}: ${message}`);
  }
}
