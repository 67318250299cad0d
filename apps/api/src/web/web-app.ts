import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

const isServerPath = (path: string): boolean => /^\/(api|socket\.io)(\/|$)/.test(path);

/**
 * Serves the built web app from the api's own origin (no CORS, one port for ops), with the
 * SPA fallback: any GET outside /api and /socket.io gets index.html.
 */
export function serveWebApp(app: NestExpressApplication, distDir: string | undefined): boolean {
  if (!distDir || !existsSync(join(distDir, 'index.html'))) return false;
  const root = resolve(distDir);
  app.useStaticAssets(root, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isServerPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(join(root, 'index.html'));
  });
  return true;
}
