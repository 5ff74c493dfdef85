// Where a run was measured: the machine and the versions of everything that moves the figures.
// The I/O half of the JSON report (./report.ts is the pure half).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import type { Machine, Versions } from './report.js';

const require = createRequire(import.meta.url);

export function machine(): Machine {
  const cpus = os.cpus();
  return { cpus: cpus.length, model: cpus[0]?.model.trim() ?? 'unknown', memoryMb: Math.round(os.totalmem() / 2 ** 20), os: `${os.type()} ${os.release()} ${os.arch()}` };
}

function packageVersion(name: string): string {
  const file = require.resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim() !== '';
    return dirty ? `${head}-dirty` : head;
  } catch (err) {
    return `unknown (${(err as Error).message.split('\n')[0]})`;
  }
}

/** "CouchDB 3.5.2 (vendor)" from GET /; a failure is named in the string, so a run's figures are never lost to it. */
async function couchVersion(url: URL, auth: string): Promise<string> {
  try {
    const res = await fetch(url, { headers: { authorization: auth }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return `CouchDB (GET / answered ${res.status})`;
    const body = await res.json() as { version?: string; vendor?: { name?: string } };
    return `CouchDB ${body.version ?? '(no version in GET /)'}${body.vendor?.name ? ` (${body.vendor.name})` : ''}`;
  } catch (err) {
    return `CouchDB (GET / failed: ${(err as Error).message})`;
  }
}

/** Versions; with `couchdbUrl` (credentials included), the server is CouchDB's answer to GET /. */
export async function versions(couchdbUrl: string | undefined): Promise<Versions> {
  const project = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  let server = `express-pouchdb ${packageVersion('express-pouchdb')} (embedded)`;
  if (couchdbUrl) {
    const url = new URL(couchdbUrl);
    const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
    server = await couchVersion(url, auth);
  }
  return { node: process.version, pouchdb: packageVersion('pouchdb-core'), server, project, commit: gitCommit() };
}
