// Structured logs (pino, JSON lines) on stdout. Secrets are redacted by key wherever they appear.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'pronto-central' },
    redact: { paths: ['password', '*.password', 'auth', '*.auth', 'headers.authorization', 'headers.cookie'], censor: '[redacted]' },
  });
}

export type { Logger };
