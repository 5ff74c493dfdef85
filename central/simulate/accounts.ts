// Who the simulator acts as. A chain admin (PRONTO_ADMIN_USER / PRONTO_ADMIN_PASSWORD, else the
// admin of the demo accounts file) reads the stores and checks; per store a manager enrols the
// virtual tills and approves returns, and a store account (device or cashier) replicates. Those
// come from the demo accounts file (DATA_DIR/demo-accounts.json) when it names them, or are made
// through /api/accounts by the admin as `sim-manager-<store>` / `sim-cashier-<store>` (a new
// password each run).
import { readFile } from 'node:fs/promises';
import { ProntoError } from '../../validators/errors.js';
import type { CentralClient, Credentials } from './central-client.js';

export interface AccountEntry { name: string; password: string; roles: string[]; store: string | null }
export interface StoreAccounts { manager: Credentials; seller: Credentials }

/** The accounts file's entries; none when there is no such file. */
export async function readAccountsFile(file: string): Promise<AccountEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ProntoError('BAD_REQUEST', `cannot read the accounts file ${file}: ${(err as Error).message}`, { param: 'accounts' }, err);
  }
  try {
    const entries = JSON.parse(text) as AccountEntry[];
    if (!Array.isArray(entries) || entries.some((a) => typeof a?.name !== 'string' || typeof a.password !== 'string' || !Array.isArray(a.roles))) throw new Error('not a list of {name, password, roles, store}');
    return entries;
  } catch (err) {
    throw new ProntoError('BAD_REQUEST', `the accounts file ${file} is not a demo accounts file: ${(err as Error).message}`, { param: 'accounts' }, err);
  }
}

export function chainAdmin(fromEnv: Credentials | undefined, entries: readonly AccountEntry[], file: string): Credentials {
  const admin = fromEnv ?? entries.find((a) => a.roles.includes('admin'));
  if (!admin) throw new ProntoError('BAD_REQUEST', `simulate needs a chain admin: set PRONTO_ADMIN_USER and PRONTO_ADMIN_PASSWORD, or point --accounts (or DATA_DIR) at central's demo-accounts.json (${file} has none)`, { param: 'accounts' });
  return { name: admin.name, password: admin.password };
}

export async function storeAccounts(central: CentralClient, store: string, entries: readonly AccountEntry[]): Promise<StoreAccounts> {
  const of = (role: string) => entries.find((a) => a.store === store && a.roles.includes(role));
  const manager = of('manager') ?? await central.ensureAccount(`sim-manager-${store}`, store, 'manager');
  const seller = of('device') ?? of('cashier') ?? await central.ensureAccount(`sim-cashier-${store}`, store, 'cashier');
  return { manager: { name: manager.name, password: manager.password }, seller: { name: seller.name, password: seller.password } };
}
