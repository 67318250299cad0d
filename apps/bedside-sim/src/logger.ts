import pino from 'pino';

export type Logger = pino.Logger;

/** The simulator's logger; LOG_LEVEL as everywhere in the repo (default info). */
export const createLogger = (level = process.env.LOG_LEVEL ?? 'info'): Logger =>
  pino({ name: 'bedside-sim', level });
