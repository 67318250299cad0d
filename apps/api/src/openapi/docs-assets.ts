import { dirname } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';

/**
 * Swagger UI's static files from the swagger-ui-dist package, served by the api itself: hospital
 * networks often block CDNs, and the docs must not phone home.
 */
export function serveDocsAssets(app: NestExpressApplication): void {
  const root = dirname(require.resolve('swagger-ui-dist/package.json'));
  app.use('/api/docs/assets/init.js', (_req: Request, res: Response) => {
    res
      .type('application/javascript')
      .send(
        "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });",
      );
  });
  app.useStaticAssets(root, { prefix: '/api/docs/assets/', index: false, maxAge: '1d' });
}
