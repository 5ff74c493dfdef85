// The simulator's options: read once from the command line and the environment, checked, with
// defaults. Pure (argv and env are arguments). A bad value is a BAD_REQUEST naming the option, so
// the command can print it and exit 64 (EX_USAGE).
import { parseArgs } from 'node:util';
import path from 'node:path';
import { ProntoError } from '../../validators/errors.js';

export interface SimulationOptions {
  /** Central's base URL. Default http://127.0.0.1:8080. */
  url: string;
  /** How many of central's stores sell (the first N by id). Default 2. */
  stores: number;
  /** Virtual tills per store. Default 1. */
  tills: number;
  /** How long the tills sell, minutes (fractions allowed). Default 1. */
  minutes: number;
  /** Fraction of the time each till is offline, 0..1. Default 0.2. */
  offlineRate: number;
  /** Seed of every random choice (printed; the same seed replays the same choices). Default random. */
  seed: number;
  /** Mean pause between two actions of one till, ms. Default 1,500. */
  intervalMs: number;
  /** Mean length of one offline window, ms. Default 8,000. */
  offlineMeanMs: number;
  /** How long healing may take before the invariants are declared broken, ms. Default 120,000. */
  settleMs: number;
  /** Stop selling after this many sales in all (a bound by count, for tests); default none. */
  maxSales: number | undefined;
  /** Demo accounts file (name, password, roles, store), default DATA_DIR/demo-accounts.json. */
  accountsFile: string;
  /** A chain admin: PRONTO_ADMIN_USER / PRONTO_ADMIN_PASSWORD, else the accounts file's admin. */
  admin: { name: string; password: string } | undefined;
  json: boolean;
}

export const USAGE = 'usage: simulate [--url http://127.0.0.1:8080] [--stores N] [--tills T] [--minutes M] [--offline-rate R] [--seed S]\n'
  + '                [--interval-ms 1500] [--offline-mean-ms 8000] [--settle-seconds 120] [--max-sales N] [--accounts FILE] [--json]';

const bad = (option: string, rule: string, value: unknown) =>
  new ProntoError('BAD_REQUEST', `--${option} ${rule} (got ${JSON.stringify(value)})`, { param: option });

function number(values: Record<string, unknown>, option: string, fallback: number, check: (n: number) => boolean, rule: string): number {
  const raw = values[option];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw bad(option, rule, raw);
  return n;
}

const positiveInt = (max: number) => (n: number) => Number.isInteger(n) && n >= 1 && n <= max;

export function parseSimulateArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, randomSeed = () => Math.floor(Math.random() * 2 ** 31)): SimulationOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv], strict: true, allowPositionals: false,
      options: Object.fromEntries([
        ...['url', 'stores', 'tills', 'minutes', 'offline-rate', 'seed', 'interval-ms', 'offline-mean-ms', 'settle-seconds', 'max-sales', 'accounts'].map((o) => [o, { type: 'string' as const }]),
        ['json', { type: 'boolean' as const }],
      ]),
    }));
  } catch (err) {
    throw new ProntoError('BAD_REQUEST', `${(err as Error).message}\n${USAGE}`, {}, err);
  }
  const url = (values.url as string | undefined) ?? 'http://127.0.0.1:8080';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new ProntoError('BAD_REQUEST', `--url must be central's base URL such as http://127.0.0.1:8080 (got ${JSON.stringify(url)})`, { param: 'url' }, err);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw bad('url', 'must be an http(s) URL', url);
  const user = env.PRONTO_ADMIN_USER;
  const password = env.PRONTO_ADMIN_PASSWORD;
  if ((user === undefined) !== (password === undefined)) {
    throw new ProntoError('BAD_REQUEST', 'set both PRONTO_ADMIN_USER and PRONTO_ADMIN_PASSWORD, or neither', { param: 'PRONTO_ADMIN_USER' });
  }
  const dataDir = env.DATA_DIR ?? './data';
  return {
    url: url.replace(/\/+$/, ''),
    stores: number(values, 'stores', 2, positiveInt(1000), 'must be a whole number from 1 to 1000'),
    tills: number(values, 'tills', 1, positiveInt(20), 'must be a whole number from 1 to 20'),
    minutes: number(values, 'minutes', 1, (n) => n > 0 && n <= 24 * 60, 'must be a number of minutes above 0 and at most 1440'),
    offlineRate: number(values, 'offline-rate', 0.2, (n) => n >= 0 && n <= 1, 'must be a fraction from 0 to 1'),
    seed: number(values, 'seed', randomSeed(), (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'must be a whole number from 0 to 4294967295'),
    intervalMs: number(values, 'interval-ms', 1_500, (n) => Number.isInteger(n) && n >= 10 && n <= 3_600_000, 'must be a whole number of ms from 10 to 3600000'),
    offlineMeanMs: number(values, 'offline-mean-ms', 8_000, (n) => Number.isInteger(n) && n >= 100 && n <= 3_600_000, 'must be a whole number of ms from 100 to 3600000'),
    settleMs: 1000 * number(values, 'settle-seconds', 120, (n) => n > 0 && n <= 3600, 'must be a number of seconds above 0 and at most 3600'),
    maxSales: values['max-sales'] === undefined ? undefined : number(values, 'max-sales', 0, positiveInt(10_000_000), 'must be a whole number from 1'),
    accountsFile: (values.accounts as string | undefined) ?? path.join(dataDir, 'demo-accounts.json'),
    admin: user !== undefined && password !== undefined ? { name: user, password } : undefined,
    json: values.json === true,
  };
}
