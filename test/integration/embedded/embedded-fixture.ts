// A bare embedded server for these tests: its own temp folder, a free loopback port, a random
// admin password, no setup (tests create what they need), plus small HTTP helpers. Raw requests
// go through node:http, because fetch normalizes paths (`..`) before they are sent.
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { startEmbeddedCouch, type EmbeddedCouch } from '../../../central/couch/embedded.js';
import type { RestartPolicy } from '../../../central/couch/restart-policy.js';

export interface Credentials { username: string; password: string }

export interface EmbeddedFixture {
  url: string;
  dir: string;
  admin: Credentials;
  embedded: EmbeddedCouch;
  stop(): Promise<void>;
}

export async function startEmbeddedFixture(options: { dir?: string; policy?: RestartPolicy; sizeTtlMs?: number } = {}): Promise<EmbeddedFixture> {
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'pronto-embedded-')));
  const admin = { username: 'admin', password: randomBytes(12).toString('hex') };
  const embedded = await startEmbeddedCouch({ dir, port: 0, adminUser: admin.username, adminPassword: admin.password, ...(options.sizeTtlMs === undefined ? {} : { sizeTtlMs: options.sizeTtlMs }) }, pino({ level: 'silent' }), options.policy);
  return {
    url: embedded.url, dir, admin, embedded,
    async stop() {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const basic = (c: Credentials): Record<string, string> => ({ Authorization: 'Basic ' + Buffer.from(`${c.username}:${c.password}`).toString('base64') });

export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/** Sends the request target exactly as given (no normalization), bounded in time. */
export function rawRequest(base: string, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: target, headers, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${target}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

export async function json(base: string, method: string, target: string, who: Credentials | null, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...(who ? basic(who) : {}), 'Content-Type': 'application/json' };
  const res = await rawRequest(base, method, target, headers, body === undefined ? undefined : JSON.stringify(body));
  return { status: res.status, body: res.body === '' ? undefined : JSON.parse(res.body) };
}
