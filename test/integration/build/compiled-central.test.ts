// The production build: `npm run build:central` compiles central to dist/, and
// `node dist/central/cli.js start` serves with its embedded database server, with no TypeScript
// loader in central's process or in the server child it forks (their /proc/<pid>/cmdline).
import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../../helpers/wait-for.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

function cmdline(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
}

/** Process ids whose parent is `pid` (field 4 of /proc/<id>/stat, after the parenthesised name). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // exited while we looked
      throw err;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) out.push(Number(entry));
  }
  return out;
}

describe('production build: compiled central', function () {
  this.timeout(300_000);
  let proc: ChildProcess | undefined;
  let dataDir: string | undefined;

  before(function () {
    execFileSync('npm', ['run', '--silent', 'build:central'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  });

  after(async function () {
    const p = proc;
    if (p && p.exitCode === null && p.signalCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('imports at run time only node built-ins and packages listed under dependencies', function () {
    const { dependencies } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const files = readdirSync(path.join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js') && !f.startsWith('design-docs/src/'));
    const packages = new Set<string>();
    for (const file of files) {
      const code = readFileSync(path.join(ROOT, 'dist', file), 'utf8');
      // tsc's ESM output: static imports and re-exports start a line; dynamic ones are import("…").
      const specs = /^(?:import|export)\b[^;]*?\bfrom\s*["']([^"'.][^"']*)["']|^import\s*["']([^"'.][^"']*)["']|\bimport\(\s*["']([^"'.][^"']*)["']\s*\)/gm;
      for (const m of code.matchAll(specs)) {
        const spec = (m[1] ?? m[2] ?? m[3])!;
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(packages.size, 'some package imports found').to.be.greaterThan(5);
    const missing = [...packages].filter((p) => !p.startsWith('node:') && !builtinModules.includes(p) && !(p in dependencies));
    expect(missing, 'imported by dist/ but not in dependencies').to.deep.equal([]);
  });

  it('starts with `node dist/central/cli.js start`, is healthy, and runs no tsx loader', async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-compiled-central-'));
    const [port, couchPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), COUCH_PORT: String(couchPort), LOG_LEVEL: 'warn' };
    delete env.NODE_OPTIONS;
    // The embedded server, whose child process is checked too, even when the suite runs on COUCHDB_URL.
    delete env.COUCHDB_URL;
    const child = spawn(process.execPath, ['dist/central/cli.js', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    proc = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`central exited with ${code}`))));
    exited.catch((err: Error) => err); // observed by the race below; an exit after the test is after()'s
    const healthy = waitFor(
      () => fetch(`${url}/api/health`).then(
        async (r) => r.ok && ((await r.json()) as { status?: string }).status === 'ok',
        (err: Error) => err.name === 'TypeError' ? false : Promise.reject(err),
      ),
      { timeoutMs: 240_000, intervalMs: 200, what: 'compiled central: /api/health status ok' },
    );
    await Promise.race([healthy, exited]);

    const pid = child.pid!;
    const central = cmdline(pid);
    expect(central.slice(1), 'central').to.deep.equal(['dist/central/cli.js', 'start']);
    const servers = childrenOf(pid).map(cmdline).filter((args) => args.some((a) => a.includes('embedded-server')));
    expect(servers, 'one embedded server child').to.have.length(1);
    const server = servers[0]!;
    expect(server.at(-1), 'the compiled server entry').to.equal(path.join(ROOT, 'dist/central/couch/embedded-server.js'));
    for (const args of [central, server]) expect(args.join(' '), 'no TypeScript loader').to.not.match(/tsx|\.ts\b/);

    // The SPAs are found from the package root, not from dist/: served when built, 503 when not.
    const posBuilt = existsSync(path.join(ROOT, 'store-client/pos/dist/index.html'));
    expect((await fetch(`${url}/pos/`)).status, `/pos/ (built: ${posBuilt})`).to.equal(posBuilt ? 200 : 503);
  });
});
