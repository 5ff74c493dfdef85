// Central for the load run, in its own process (so its memory is its own): starts a demo central,
// adds stores up to LOAD_STORES with a manager and a device account each, tells the parent its URL
// and those accounts over IPC, then sends process.memoryUsage() every LOAD_SAMPLE_MS until killed.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../central/config.js';
import { createLogger } from '../../central/logger.js';
import { startCentral } from '../../central/server.js';
import { setupStoreDatabase } from '../../central/setup/run-setup.js';
import { ensureUser } from '../../central/setup/ensure-user.js';
import { roles } from '../../central/setup/security.js';

const stores = Number(process.env.LOAD_STORES ?? 50);
const sampleMs = Number(process.env.LOAD_SAMPLE_MS ?? 2000);
const central = await startCentral(loadConfig({ ...process.env, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'warn' }), createLogger('warn'));
const nano = central.state.couch.nano;
const accounts: Array<{ store: string; manager: { name: string; password: string }; device: { name: string; password: string } }> = [];
for (let i = 1; i <= stores; i++) {
  const store = `l${i}`;
  const stamp = `${new Date().toISOString()}-0000-central`;
  await nano.use('catalog').insert({ _id: `store:${store}`, type: 'store', store, name: `Carga ${i}`, timezone: 'America/Mexico_City', active: true, updatedAt: stamp, updatedBy: 'central' } as never);
  await setupStoreDatabase(nano, store);
  const account = (kind: string) => ({ name: `${kind}-${store}`, password: randomBytes(9).toString('base64url') });
  const manager = account('manager');
  const device = account('device');
  await ensureUser(nano, { ...manager, roles: [roles.anyStore, roles.store(store), 'manager'] });
  await ensureUser(nano, { ...device, roles: [roles.anyStore, roles.store(store), 'device'] });
  accounts.push({ store, manager, device });
}
process.send!({ type: 'ready', url: central.url, couchUrl: central.state.couch.url, couchAuth: central.state.couch.auth, couchPid: central.state.couch.embedded?.pid(), accounts });
setInterval(() => process.send!({ type: 'memory', at: Date.now(), ...process.memoryUsage() }), sampleMs);
process.on('disconnect', () => void central.stop().finally(() => process.exit(0)));
