// The live progress line and the closing summary, pure text: what the run did so far (sales,
// pending, tills offline, errors, elapsed), and at the end whether the invariants held.

export interface Tally { sales: number; returns: number; edits: number; pending: number; offline: number; tills: number; errors: number; /** Tills started so far (the starting phase). */ opened?: number }

export interface SimulationSummary {
  ok: boolean;
  exitCode: 0 | 1;
  seed: number;
  replay: string;
  url: string;
  stores: string[];
  tills: number;
  minutes: number;
  offlineRate: number;
  sales: number;
  returns: number;
  edits: number;
  offlineWindows: number;
  errors: number;
  firstErrors: string[];
  /** Every error by kind (errorKinds), most frequent first: what `firstErrors` leaves out. */
  errorKinds: ErrorKind[];
  /** From the start to every till started (enrolled, its SyncManager begun). */
  openSeconds: number;
  /** From the start to every till online with nothing pending (its first start's snapshots loaded). */
  startSeconds: number;
  sellSeconds: number;
  /** From healing every till to every invariant holding (or to giving up). */
  convergenceSeconds: number;
  violations: string[];
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function progressLine(phase: string, t: Tally, elapsedMs: number, totalMs?: number): string {
  const opening = t.opened !== undefined && t.opened < t.tills ? `tills started ${t.opened}/${t.tills} · ` : '';
  return `simulate ${phase}: ${opening}sales ${t.sales} · returns ${t.returns} · edits ${t.edits} · pending ${t.pending} · offline ${t.offline}/${t.tills} · errors ${t.errors} · ${clock(elapsedMs)}${totalMs !== undefined ? ` / ${clock(totalMs)}` : ''}`;
}

/** Why the run is still waiting for its tills: how many are ready (online, nothing pending) and the others by state. */
export function tillsNotReadyText(tills: ReadonlyArray<{ state: string; pending: number }>): string {
  const ready = tills.filter((t) => t.state === 'online' && t.pending === 0).length;
  const others = new Map<string, number>();
  for (const t of tills) {
    if (t.state === 'online' && t.pending === 0) continue;
    const key = t.state === 'online' ? 'online with pending' : t.state;
    others.set(key, (others.get(key) ?? 0) + 1);
  }
  const rest = [...others].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${n} ${k}`).join(', ');
  return `${ready} of ${tills.length} online with nothing pending${rest === '' ? '' : `; ${rest}`}`;
}

export interface ErrorKind { kind: string; count: number }

/** A virtual till's id at the start of an error (`<store>.sim-<run>-<n>`), with what follows it up to its colon. */
const TILL_PREFIX = /^\S+\.sim-\S+?(?=[: ])/;
/** A URL or a number in a message: the same kind of error at another port or with another count. */
const VARYING = /https?:\/\/\S+|\b\d+\b/g;

/** Errors counted by kind: each without the till's id and with URLs and numbers as `…`; most frequent first. Pure. */
export function errorKinds(errors: readonly string[]): ErrorKind[] {
  const counts = new Map<string, number>();
  for (const e of errors) {
    const kind = e.replace(TILL_PREFIX, '').replace(/^:\s*/, '').replace(VARYING, '…').trim();
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

export function summaryText(s: SimulationSummary): string {
  const lines = [
    `simulate: ${s.ok ? 'invariants hold' : 'INVARIANTS BROKEN'} — seed ${s.seed} (replay: ${s.replay})`,
    `  ${s.stores.length} stores × ${s.tills} tills, ${s.minutes} min, offline rate ${s.offlineRate}; ${s.sales} sales, ${s.returns} returns, ${s.edits} conflicting price edits, ${s.offlineWindows} offline windows`,
    `  tills started in ${s.openSeconds} s, all online ${s.startSeconds} s, selling ${s.sellSeconds} s, convergence ${s.convergenceSeconds} s; errors ${s.errors}`,
    ...s.errorKinds.map((k) => `    ${k.count} × ${k.kind}`),
    ...s.firstErrors.map((e) => `    error: ${e}`),
    ...s.violations.map((v) => `  - ${v}`),
  ];
  return lines.join('\n') + '\n';
}
