import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';
import { serveDocsAssets } from './openapi/docs-assets';
import { serveWebApp } from './web/web-app';

/** Limit of REST bodies; larger ones get 413 PAYLOAD_TOO_LARGE. */
const REST_BODY_LIMIT = '64kb';

/** Builds the real application (used by main.ts and by the e2e tests). */
export async function createApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: REST_BODY_LIMIT });
  // Image uploads come as the raw file; only these types get a large body.
  app.useBodyParser('raw', {
    type: ['application/dicom', 'image/png', 'image/jpeg'],
    limit: config.IMAGE_MAX_BYTES,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer'); // patient links must not leak through Referer
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), display-capture=(self)');
    next();
  });
  serveDocsAssets(app);
  if (config.WEB_DIST_DIR && !serveWebApp(app, config.WEB_DIST_DIR)) {
    // Optional by design (the web app may be served elsewhere), but a typo here should be visible.
    app.get(Logger).warn(`WEB_DIST_DIR=${config.WEB_DIST_DIR} has no index.html; the web app is not served`);
  }
  return app;
}
