import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from './api-error';

/**
 * A named in-memory limit (points per window) keyed by socket, link or address. Memory is enough
 * while one api node serves a consult; with several nodes the Redis store would take its place.
 */
export class RateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly what: string,
    points: number,
    durationSeconds: number,
  ) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  }

  /** Spends one point for this key, or throws RATE_LIMITED saying when to try again. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new ApiError(
        'RATE_LIMITED',
        `too many ${this.what}; try again in ${seconds} s`,
        undefined,
        seconds,
      );
    }
  }

  /** Throws RATE_LIMITED if this key has already spent its points, without spending one. */
  async check(key: string): Promise<void> {
    const state = await this.limiter.get(key);
    if (state && state.remainingPoints <= 0) {
      const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      throw new ApiError(
        'RATE_LIMITED',
        `too many ${this.what}; try again in ${seconds} s`,
        undefined,
        seconds,
      );
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
