// Starts and supervises the embedded CouchDB-compatible server in a child process: if it ever
// dies (express-pouchdb is third-party code), it is restarted on the same data and port, after a
// delay that grows with crashes in a row and starts over once a child has been healthy for a while
// (restart-policy.ts), while central keeps serving.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { ProntoError } from '../../validators/errors.js';
import { packageRoot } from '../package-root.js';
import type { EmbeddedSettings } from './embedded-server.js';
import { DEFAULT_RESTART_POLICY, restartDelay, type RestartPolicy } from './restart-policy.js';

export interface EmbeddedCouch {
  /** Base URL without credentials, e.g. http://127.0.0.1:5984 */
  readonly url: string;
  readonly port: number;
  /** How many times the child was restarted after dying. */
  restarts(): number;
  /** Crashes since the last child that stayed up for the policy's healthy period (0 = healthy). */
  crashesInARow(): number;
  /** The delay chosen before the latest restart, ms (undefined before any). */
  lastRestartDelayMs(): number | undefined;
  /** The child's process id (for ops, and for tests that kill it). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

// The child runs as this module does: compiled (dist/, plain node) or from TypeScript (tests,
// through tsx). `--import tsx` is resolved from the child's working directory: the package root.
const EXT = path.extname(fileURLToPath(import.meta.url));
const ENTRY = fileURLToPath(new URL(`./embedded-server${EXT}`, import.meta.url));
const EXEC_ARGV = EXT === '.ts' ? ['--import', 'tsx'] : [];
/**
 * `PRONTO_EMBEDDED_CPU_PROF_DIR`: the embedded server runs under `node --cpu-prof` and writes its
 * CPU profile there when it stops (open it in Chrome's DevTools, Performance). For diagnosing
 * load (docs/OPERATIONS.md, "Scale on one machine"); Node refuses `--cpu-prof` in NODE_OPTIONS.
 */
const profileArgv = (env: NodeJS.ProcessEnv): string[] =>
  env.PRONTO_EMBEDDED_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.PRONTO_EMBEDDED_CPU_PROF_DIR}`] : [];
const ROOT = packageRoot();
const READY_TIMEOUT_MS = 60_000;

export async function startEmbeddedCouch(
  settings: EmbeddedSettings,
  log: Logger,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): Promise<EmbeddedCouch> {
  let stopping = false;
  let restarts = 0;
  let crashesInARow = 0;
  let lastDelayMs: number | undefined;
  let healthyTimer: NodeJS.Timeout | undefined;
  let child = await spawnChild(settings);
  const port = child.port;
  const pinned = { ...settings, port };

  const scheduleRestart = (): void => {
    crashesInARow += 1;
    const delayMs = restartDelay(crashesInARow, policy);
    lastDelayMs = delayMs;
    setTimeout(() => {
      if (stopping) return;
      spawnChild(pinned).then(
        (next) => {
          restarts += 1;
          child = next;
          watch(next.proc);
          log.info({ port, restarts, crashesInARow }, 'embedded CouchDB server restarted');
        },
        (err: Error) => { log.error({ err: err.message }, 'embedded CouchDB restart failed'); scheduleRestart(); },
      );
    }, delayMs).unref();
  };
  const watch = (proc: ChildProcess): void => {
    healthyTimer = setTimeout(() => { crashesInARow = 0; }, policy.healthyAfterMs).unref();
    proc.once('exit', (code, signal) => {
      clearTimeout(healthyTimer);
      if (stopping) return;
      log.error({ code, signal }, 'embedded CouchDB server died; restarting it on the same data');
      scheduleRestart();
    });
  };
  watch(child.proc);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    restarts: () => restarts,
    crashesInARow: () => crashesInARow,
    lastRestartDelayMs: () => lastDelayMs,
    pid: () => child.proc.pid,
    async stop() {
      stopping = true;
      clearTimeout(healthyTimer);
      await stopChild(child.proc);
    },
  };
}

interface Running { proc: ChildProcess; port: number }

function spawnChild(settings: EmbeddedSettings): Promise<Running> {
  const proc = fork(ENTRY, [], { cwd: ROOT, execArgv: [...EXEC_ARGV, ...profileArgv(process.env)], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the embedded server did not start in time')), READY_TIMEOUT_MS);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new ProntoError('COUCH_UNREACHABLE', `embedded CouchDB server: ${err.message}`, { port: settings.port }));
    };
    proc.once('exit', (code) => fail(new Error(`exited with code ${code} before it was ready`)));
    proc.once('message', (msg: { ready?: boolean; port?: number; error?: string }) => {
      if (msg.error !== undefined || msg.port === undefined) return fail(new Error(msg.error ?? 'no port'));
      clearTimeout(timer);
      proc.removeAllListeners('exit');
      resolve({ proc, port: msg.port });
    });
    proc.send(settings);
  });
}

function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    proc.once('exit', () => { clearTimeout(kill); resolve(); });
    proc.kill('SIGTERM');
  });
}
