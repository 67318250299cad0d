import { startTestStack, type TestStack } from './support/test-stack';
import { call } from './support/rest-client';

describe('health when the SFU goes away', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack('sqlite');
  });
  afterAll(() => stack.close());

  it('reports degraded with the SFU down, promptly, while the api keeps answering', async () => {
    expect((await call(stack.url, 'GET', '/api/health')).body).toMatchObject({
      status: 'ok',
      version: '0.1.0',
    });
    await stack.sfu.close();
    const started = Date.now();
    let body: Record<string, unknown> = {};
    while (Date.now() - started < 5_000) {
      ({ body } = await call(stack.url, 'GET', '/api/health'));
      if (body.sfu === 'down') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(body).toMatchObject({ status: 'degraded', database: 'up', sfu: 'down' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
