// Central for the load run, in its own process (so its memory is its own): starts a demo central,
// adds stores up to LOAD_STORES with a manager and a device account each (several at once), tells the parent its URL
// and those accounts over IPC, then sends process.memoryUsage() every LOAD_SAMPLE_MS until killed.
import { loadConfig } from '../../central/config.js';
import { createLogger } from '../../central/logger.js';
import { startCentral } from '../../central/server.js';
import { setupStoreDatabase } from '../../central/setup/run-setup.js';
import { roles } from '../../central/setup/security.js';
import { mapLimit } from '../../central/map-limit.js';
import { prehashedUser, sharedHash } from './prehashed-accounts.js';

const stores = Number(process.env.LOAD_STORES ?? 50);
const sampleMs = Number(process.env.LOAD_SAMPLE_MS ?? 2000);
const SETUP_AT_ONCE = 8;
const central = await startCentral(loadConfig({ ...process.env, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'warn' }), createLogger('warn'));
const nano = central.state.couch.nano;
type StoreAccounts = { store: string; manager: { name: string; password: string }; device: { name: string; password: string } };
const ids = Array.from({ length: stores }, (_, i) => `l${i + 1}`);
// The store documents in one write; then each store's database, several stores at once; then
// every store's manager and device account in writes of 100, hashed once (prehashed-accounts.ts:
// one PBKDF2 of 600,000 iterations per account, written one account after another, took about
// 11 minutes for 500 stores on this machine).
const stamp = `${new Date().toISOString()}-0000-central`;
const written = await nano.use('catalog').bulk({ docs: ids.map((store, i) => ({ _id: `store:${store}`, type: 'store', store, name: `Carga ${i + 1}`, timezone: 'America/Mexico_City', active: true, updatedAt: stamp, updatedBy: 'central' })) } as never);
const refused = written.filter((r) => r.error !== undefined);
if (refused.length > 0) throw new Error(`the load stores' documents were refused: ${JSON.stringify(refused.slice(0, 3))}`);
const t0 = Date.now();
await mapLimit(ids, SETUP_AT_ONCE, (store) => setupStoreDatabase(nano, store));
const t1 = Date.now();
const hash = await sharedHash();
const account = (kind: string, store: string) => ({ name: `${kind}-${store}`, password: hash.password });
const accounts: StoreAccounts[] = ids.map((store) => ({ store, manager: account('manager', store), device: account('device', store) }));
const users = accounts.flatMap((a) => [
  prehashedUser(a.manager.name, [roles.anyStore, roles.store(a.store), 'manager'], hash),
  prehashedUser(a.device.name, [roles.anyStore, roles.store(a.store), 'device'], hash),
]);
for (let i = 0; i < users.length; i += 100) {
  const res = await nano.use('_users').bulk({ docs: users.slice(i, i + 100) } as never);
  const bad = res.filter((r) => r.error !== undefined && r.error !== 'conflict');
  if (bad.length > 0) throw new Error(`the load accounts were refused: ${JSON.stringify(bad.slice(0, 3))}`);
}
console.log(`load seed: ${stores} store databases in ${Math.round((t1 - t0) / 1000)} s, ${users.length} accounts in ${Math.round((Date.now() - t1) / 1000)} s`);
process.send!({ type: 'ready', url: central.url, couchUrl: central.state.couch.url, couchAuth: central.state.couch.auth, couchPid: central.state.couch.embedded?.pid(), accounts });
// Not once the parent has disconnected (a send then throws ERR_IPC_CHANNEL_CLOSED while central stops).
setInterval(() => { if (process.connected) process.send!({ type: 'memory', at: Date.now(), ...process.memoryUsage() }); }, sampleMs);
process.on('disconnect', () => void central.stop().finally(() => process.exit(0)));
