// `pronto-sync status` as a table for people, pure: the report in, text out. Colours only when
// the caller says so (stdout a terminal and NO_COLOR unset: https://no-color.org).
import { followerLag, type StatusReport, type Verdict } from './judge-status.js';
import type { StatusFacts } from './status-facts.js';

type Paint = (text: string, code: number) => string;

/** Colours only on a terminal, and never when NO_COLOR is set to anything but "" (https://no-color.org). */
export const wantsColour = (isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean => isTTY === true && (env.NO_COLOR ?? '') === '';

const COLOUR: Record<Verdict, number> = { healthy: 32, degraded: 33, down: 31 };

export function formatStatus(report: StatusReport, colour: boolean): string {
  const paint: Paint = colour ? (text, code) => `\x1b[${code}m${text}\x1b[0m` : (text) => text;
  const { facts } = report;
  const lines = [
    `${paint('Pronto Sync', 1)}: ${paint(report.verdict.toUpperCase(), COLOUR[report.verdict])} (exit ${report.exitCode})  ${facts.at}`,
    '',
    ...table([['check', 'state'], ...summaryRows(facts, report)]),
  ];
  if (facts.stores && facts.stores.length > 0) {
    lines.push('', paint('Stores', 1), ...table([
      ['store', 'name', 'last seen', 'tills', 'silent', 'pending', 'refused', 'quarantined', 'conflicts'],
      ...facts.stores.map((s) => [s.store, s.name, s.lastSeen ?? 'never', String(s.tills), String(s.silentTills), String(s.pending), String(s.refused), String(s.quarantined), String(s.conflicts)]),
    ]));
  }
  if (facts.follower && facts.follower.length > 0) {
    lines.push('', paint('Change follower', 1), ...table([
      ['database', 'update_seq', 'checkpoint', 'lag', 'retrying'],
      ...facts.follower.map((f) => [f.db, String(f.updateSeq), f.checkpointSeq === null ? 'none' : String(f.checkpointSeq), String(followerLag(f)), String(f.retrying)]),
    ]));
  }
  if (report.problems.length > 0) {
    lines.push('', paint('Problems', 1), ...report.problems.map((p) => `  ${paint(p.verdict === 'down' ? 'DOWN' : 'DEGRADED', COLOUR[p.verdict])}  ${p.check}: ${p.message}`));
  }
  return lines.join('\n') + '\n';
}

function summaryRows(facts: StatusFacts, report: StatusReport): string[][] {
  const { central, couch } = facts;
  const follower = facts.follower ?? [];
  const worst = follower.reduce<{ db: string; lag: number } | undefined>((w, f) => (w === undefined || followerLag(f) > w.lag ? { db: f.db, lag: followerLag(f) } : w), undefined);
  const stale = (facts.designDocs ?? []).filter((d) => d.state !== 'current').length;
  const insecure = (facts.security ?? []).filter((s) => !s.ok).length;
  const audit = facts.audit;
  const unread = (part: keyof StatusFacts['unread']) => `not read (${facts.unread[part] ?? 'CouchDB unreachable'})`;
  return [
    ['central', central.answering ? `${central.url} answering${central.setupDone ? ', setup done' : ', setup NOT done'}` : `${central.url} NOT answering`],
    ['CouchDB', couch.reachable ? `${couch.url} ${couch.vendor} ${couch.version}${couch.embedded ? ' (embedded)' : ''}` : `${couch.url || '?'} NOT reachable${couch.error ? ` (${couch.error})` : ''}`],
    ['design docs', facts.designDocs ? `${facts.designDocs.length - stale} of ${facts.designDocs.length} up to date` : unread('designDocs')],
    ['_security', facts.security ? `${facts.security.length - insecure} of ${facts.security.length} databases as expected` : unread('security')],
    ['follower', (facts.follower ? `${follower.length} databases, largest lag ${worst ? `${worst.lag} (${worst.db})` : '0'}, limit ${report.thresholds.maxLag}` : unread('follower')) + followerMode(central.follower?.mode)],
    ['conflicts', facts.conflictsWaiting !== null ? `${facts.conflictsWaiting} waiting, limit ${report.thresholds.maxConflicts}` : unread('conflictsWaiting')],
    ['audit chain', audit === null ? unread('audit') : audit.state === 'intact' ? `intact, ${audit.entries} entries` : audit.state === 'broken' ? `BROKEN at entry ${audit.at}` : `not verified (${audit.reason})`],
  ];
}

/** How central hears of changes, as it said in /api/health. */
function followerMode(mode: string | undefined): string {
  if (mode === undefined) return '';
  return mode === 'db-updates' ? '; central follows _db_updates' : mode === 'poll' ? '; central polls every database (no _db_updates)' : `; central's feed: ${mode}`;
}

/** Left-aligned columns, two spaces apart, a rule under the header. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '  ' + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [line(rows[0]!), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}
