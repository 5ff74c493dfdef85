// Audit entries for logins, logouts, tokens and refusals. A failing audit write is logged and does
// not turn a login or a refusal into a 500; the entries never hold passwords, tokens or cookies.
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { AuditInput, AuditWriter } from '../../audit/append-audit.js';

export interface AuthAudit {
  record(input: AuditInput): Promise<void>;
  /** `auth.denied`: who was refused what (method and path, no query string, no credentials). */
  denied(req: Request, actor: string, reason: string): Promise<void>;
}

export function createAuthAudit(audit: AuditWriter, log: Logger): AuthAudit {
  const record = async (input: AuditInput) => {
    try {
      await audit.append(input);
    } catch (err) {
      log.warn({ action: input.action, err: (err as Error).message }, 'could not write an audit entry');
    }
  };
  return {
    record,
    denied: (req, actor, reason) =>
      record({ actor, action: 'auth.denied', target: `${req.method} ${req.baseUrl}${req.path}`.slice(0, 200), details: { method: req.method, path: `${req.baseUrl}${req.path}`, reason } }),
  };
}
