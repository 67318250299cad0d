import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack, type TestStack } from './support/test-stack';

describe('serving the web app', () => {
  let stack: TestStack;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'teleconsult-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Teleconsult</title>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app")');
    stack = await startTestStack('sqlite', { WEB_DIST_DIR: webDir });
  });
  afterAll(async () => {
    await stack.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves built assets and falls back to index.html for client routes, uncached', async () => {
    const asset = await fetch(`${stack.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    for (const path of ['/', '/join/some-token', '/consults/42']) {
      const page = await fetch(`${stack.url}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Teleconsult</title>');
      expect(page.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('leaves /api to the api: unknown api routes are JSON 404s, not the app shell', async () => {
    for (const path of ['/api', '/api/nope']) {
      const response = await fetch(`${stack.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });

  it('sends the protective headers and keeps patient links out of Referer', async () => {
    const page = await fetch(`${stack.url}/join/some-token`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-powered-by')).toBeNull();
  });
});
