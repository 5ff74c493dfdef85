// Structured logs (pino, JSON lines) on stdout. Secrets are redacted by key wherever they appear.
import { pino, type DestinationStream, type Logger } from 'pino';

/** `destination`: stdout unless given (tests read the lines). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'pronto-central' },
    redact: { paths: ['password', '*.password', 'auth', '*.auth', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
  }, destination);
}

export type { Logger };
