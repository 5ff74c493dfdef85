// What a load run reports besides simulate's own summary, read from outside the processes:
// connections (`ss -tnp`: the simulator's established sockets to central's port, i.e. its tills'
// and its admin client's, and central's to the database's port), each process's
// peak resident memory (VmHWM, read every second: a process's is gone once it exits), and the change follower's lag, sampled: every second a few store
// databases' update_seq and the follower's checkpoints (`pronto-checkpoints`), a change's lag being
// from the first read that saw it to the first that found the checkpoint past it (so a lag is
// rounded up to the sampling interval). The bookkeeping is pure (lagStep, connectionCounts).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

export interface Seen { seq: number; at: number }

/** A database's waiting changes after one read (update_seq, the follower's checkpoint, now), and the lags that read settled. */
export function lagStep(waiting: readonly Seen[], updateSeq: number, processed: number, now: number): { waiting: Seen[]; lags: number[] } {
  const lags = waiting.filter((w) => w.seq <= processed).map((w) => now - w.at);
  const left = waiting.filter((w) => w.seq > processed);
  if (updateSeq > processed && (left.length === 0 || left[left.length - 1]!.seq < updateSeq)) left.push({ seq: updateSeq, at: now });
  return { waiting: left, lags };
}

/** Established sockets (lines of `ss -tnp`) held by a process `pid` whose peer is on `port`, for each name. */
export function connectionCounts(ssOutput: string, wanted: Readonly<Record<string, { port: number; pid: number | undefined }>>): Record<string, number> {
  const out = Object.fromEntries(Object.keys(wanted).map((k) => [k, 0]));
  for (const line of ssOutput.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] !== 'ESTAB') continue;
    const peerPort = Number(cols[4]?.split(':').at(-1));
    const pid = Number(/pid=(\d+)/.exec(cols.slice(5).join(' '))?.[1]);
    for (const [k, w] of Object.entries(wanted)) if (peerPort === w.port && pid === w.pid) out[k]! += 1;
  }
  return out;
}

export const percentile = (xs: readonly number[], p: number): number | undefined =>
  xs.length === 0 ? undefined : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const seqNumber = (seq: unknown) => Number(String(seq).split('-')[0]);

export interface FiguresProbe { stop(): Promise<string> }

/** Samples until stopped; then the figures as one paragraph of text. */
export function startFigures(o: { centralPort: number; couchUrl: string; couchAuth: { username: string; password: string }; stores: readonly string[]; pids: Readonly<Record<string, number | undefined>> & { central: number | undefined; simulator: number | undefined }; sampleDbs?: number }): FiguresProbe {
  const run = promisify(execFile);
  const peak = { central: 0, db: 0 };
  const headers = { Authorization: 'Basic ' + Buffer.from(`${o.couchAuth.username}:${o.couchAuth.password}`).toString('base64'), Accept: 'application/json' };
  const get = async (path: string) => {
    const res = await fetch(`${o.couchUrl}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`GET ${path.split('?')[0]}: ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  // Spread over the stores (first, last and between): a store late in the follower's round lags more.
  const n = Math.min(o.stores.length, o.sampleDbs ?? 10);
  const sampled = Array.from({ length: n }, (_, i) => `store-${o.stores[Math.floor((i * (o.stores.length - 1)) / Math.max(1, n - 1))]}`);
  const waiting = new Map<string, Seen[]>(sampled.map((db) => [db, []]));
  const lags: number[] = [];
  const problems: string[] = [];
  let stopped = false;
  const sampleConnections = async () => {
    const { stdout } = await run('ss', ['-tnp'], { maxBuffer: 64 * 1024 * 1024 });
    // The simulator's sockets to central (its tills' proxies, its admin client); central's to the database (not this probe's).
    const c = connectionCounts(stdout, { central: { port: o.centralPort, pid: o.pids.simulator }, db: { port: Number(new URL(o.couchUrl).port), pid: o.pids.central } });
    peak.central = Math.max(peak.central, c.central!);
    peak.db = Math.max(peak.db, c.db!);
  };
  const sampleLag = async () => {
    const keys = encodeURIComponent(JSON.stringify(sampled.map((db) => `checkpoint:resolver:${db}`)));
    const seqs = await Promise.all(sampled.map(async (db) => seqNumber((await get(`/${db}`)).update_seq)));
    const rows = (await get(`/pronto-checkpoints/_all_docs?include_docs=true&keys=${keys}`)).rows as Array<{ key: string; doc?: { since?: unknown } | null }>;
    const now = Date.now();
    sampled.forEach((db, i) => {
      const since = rows.find((r) => r.key === `checkpoint:resolver:${db}`)?.doc?.since;
      const step = lagStep(waiting.get(db)!, seqs[i]!, since === undefined ? 0 : seqNumber(since), now);
      waiting.set(db, step.waiting);
      lags.push(...step.lags);
    });
  };
  const peakKb = new Map<string, number>();
  const sampleMemory = async () => {
    for (const [name, pid] of Object.entries(o.pids)) {
      if (pid === undefined) continue;
      let status: string;
      try {
        status = await readFile(`/proc/${pid}/status`, 'utf8');
      } catch (err) {
        // Exited (the simulator, just before the probe stops): its peak is the last one read.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakKb.set(name, Math.max(peakKb.get(name) ?? 0, kb));
    }
  };
  const loop = (async () => {
    for (let i = 0; i < 1_000_000 && !stopped; i++) {
      const t = Date.now();
      await Promise.all([sampleConnections(), sampleLag(), sampleMemory()].map((p) => p.catch((err: Error) => { if (problems.length < 5) problems.push(err.message); })));
      await new Promise((r) => setTimeout(r, Math.max(0, 1_000 - (Date.now() - t))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const s = (ms: number | undefined) => (ms === undefined ? 'none' : `${(ms / 1000).toFixed(1)} s`);
      const still = [...waiting.values()].flat().map((w) => Date.now() - w.at);
      return [
        `figures: peak connections to central ${peak.central}, central to the database ${peak.db};`,
        `  peak RSS (VmHWM, read every second) ${Object.keys(o.pids).map((name) => `${name} ${peakKb.has(name) ? `${Math.round(peakKb.get(name)! / 1024)} MB` : 'unread'}`).join(', ')};`,
        `  follower lag over ${sampled.length} sampled store databases (1 s resolution): ${lags.length} changes, p50 ${s(percentile(lags, 0.5))}, p99 ${s(percentile(lags, 0.99))}, max ${s(percentile(lags, 1))}; ${still.length} not processed yet${still.length ? ` (oldest ${s(Math.max(...still))})` : ''}`,
        ...(problems.length ? [`  probe errors: ${problems.join('; ')}`] : []),
      ].join('\n');
    },
  };
}
