// Central for the load run, in its own process (so its memory is its own): starts a demo central,
// adds stores up to LOAD_STORES with a manager and a device account each (several at once), tells the parent its URL
// and those accounts over IPC, then sends process.memoryUsage() every LOAD_SAMPLE_MS until killed.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../central/config.js';
import { createLogger } from '../../central/logger.js';
import { startCentral } from '../../central/server.js';
import { setupStoreDatabase } from '../../central/setup/run-setup.js';
import { ensureUser } from '../../central/setup/ensure-user.js';
import { roles } from '../../central/setup/security.js';
import { mapLimit } from '../../central/map-limit.js';

const stores = Number(process.env.LOAD_STORES ?? 50);
const sampleMs = Number(process.env.LOAD_SAMPLE_MS ?? 2000);
const SETUP_AT_ONCE = 8;
const central = await startCentral(loadConfig({ ...process.env, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'warn' }), createLogger('warn'));
const nano = central.state.couch.nano;
type StoreAccounts = { store: string; manager: { name: string; password: string }; device: { name: string; password: string } };
const ids = Array.from({ length: stores }, (_, i) => `l${i + 1}`);
// The store documents in one write; then each store's database and two accounts, several stores
// at once: each account costs the server a PBKDF2 hash (600,000 iterations), one store after
// another took about 4.5 s a store (45 s for 10), which for 500 stores is longer than the run.
const stamp = `${new Date().toISOString()}-0000-central`;
const written = await nano.use('catalog').bulk({ docs: ids.map((store, i) => ({ _id: `store:${store}`, type: 'store', store, name: `Carga ${i + 1}`, timezone: 'America/Mexico_City', active: true, updatedAt: stamp, updatedBy: 'central' })) } as never);
const refused = written.filter((r) => r.error !== undefined);
if (refused.length > 0) throw new Error(`the load stores' documents were refused: ${JSON.stringify(refused.slice(0, 3))}`);
const accounts: StoreAccounts[] = await mapLimit(ids, SETUP_AT_ONCE, async (store) => {
  await setupStoreDatabase(nano, store);
  const account = (kind: string) => ({ name: `${kind}-${store}`, password: randomBytes(9).toString('base64url') });
  const manager = account('manager');
  const device = account('device');
  await ensureUser(nano, { ...manager, roles: [roles.anyStore, roles.store(store), 'manager'] });
  await ensureUser(nano, { ...device, roles: [roles.anyStore, roles.store(store), 'device'] });
  return { store, manager, device };
});
process.send!({ type: 'ready', url: central.url, couchUrl: central.state.couch.url, couchAuth: central.state.couch.auth, couchPid: central.state.couch.embedded?.pid(), accounts });
// Not once the parent has disconnected (a send then throws ERR_IPC_CHANNEL_CLOSED while central stops).
setInterval(() => { if (process.connected) process.send!({ type: 'memory', at: Date.now(), ...process.memoryUsage() }); }, sampleMs);
process.on('disconnect', () => void central.stop().finally(() => process.exit(0)));
