import type { Request } from 'express';

/** The client address as express sees it (behind a proxy, set `trust proxy` so this is the real one). */
export const requestIp = (request: Request): string =>
  request.ip ?? request.socket.remoteAddress ?? 'unknown';
