import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: unguessable; base64url so it sits in a URL as is. */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');

export const hashLinkToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** Cheap shape check so garbage never reaches the database. */
export const looksLikeLinkToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
