import { ApiError } from './api-error';
import { RateLimit } from './rate-limit';

describe('RateLimit', () => {
  it('allows the given points per key, then answers RATE_LIMITED with a wait', async () => {
    const limit = new RateLimit('chat messages', 2, 10);
    await limit.consume('socket-a');
    await limit.consume('socket-a');
    const error = await limit.consume('socket-a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
    expect((error as ApiError).message).toMatch(/too many chat messages; try again in \d+ s/);
    await expect(limit.consume('socket-b')).resolves.toBeUndefined();
  });
});
