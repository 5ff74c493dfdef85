// An audit writer that counts its appends (pronto_audit_writes_total), wrapped around the one the
// process shares (central/audit/append-audit.ts), so every caller's entries are counted.
import type { ChainAuditWriter } from '../audit/append-audit.js';
import type { Metrics } from './create-metrics.js';

export function countedAudit(writer: ChainAuditWriter, metrics: Pick<Metrics, 'auditWrites'>): ChainAuditWriter {
  return {
    ...writer,
    append: (input) => counted(writer.append(input)),
    appendOnce: (request) => counted(writer.appendOnce(request)),
  };
  function counted<R>(written: Promise<R>): Promise<R> {
    return written.then(
      (entry) => { if (entry !== null) metrics.auditWrites.inc({ result: 'ok' }); return entry; },
      (err: unknown) => { metrics.auditWrites.inc({ result: 'failed' }); throw err; },
    );
  }
}
