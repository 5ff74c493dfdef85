// What keeps an open till healthy besides selling: its status report to central (state,
// pending, refused, storage, clock, build; store-client/status-reporter), central's clock
// measured every minute (central-clock-probe; the HLC and business days follow it), persistent
// storage asked for and watched (storage-guard), and local compaction when no sale is being
// written (store-client/local-compactor). The TillService starts it with the till and stops it
// when the till stops selling here (another tab took over). The report's interval follows
// settings:sync `statusIntervalMs`: a new one restarts the reporter.
import { clockSkewed, oldestPendingAt, reportStatus, startLocalCompactor, type TillFacts } from '../../browser.js';
import { posSettings } from '../pos-settings.js';
import { probeCentralTime } from './central-clock-probe.js';
import type { OpenTill } from './open-till.js';
import { askPersistentStorage, storageFacts, type StorageFacts } from './storage-guard.js';

/** How often central's clock is measured and the storage estimate read again. */
const PROBE_EVERY_MS = 60_000;
/** The status heartbeat: central shows a till silent for two of them stale (central/devices/till-liveness). */
export const REPORT_EVERY_MS = 20_000;

/** What the till shows under its status bar. */
export interface TillWarnings {
  /** False when the browser refused persistent storage; undefined until it answered. */
  storagePersisted: boolean | undefined;
  /** Central's clock minus the device's, ms, once measured. */
  clockOffsetMs: number | undefined;
  /** The device clock is off by more than settings:pos maxClockSkewMin. */
  clockSkewed: boolean;
}

export const noWarnings: TillWarnings = Object.freeze({ storagePersisted: undefined, clockOffsetMs: undefined, clockSkewed: false });

export interface Upkeep {
  /** Runs a sale's (or return's) write, which compaction keeps out of the way of. */
  writing<T>(write: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export function startUpkeep(open: OpenTill, onWarnings: (w: TillWarnings) => void): Upkeep {
  const { identity, local, centralTime } = open;
  let storage: StorageFacts | undefined;
  let writes = 0;
  let lastWriteMs = 0;
  const skewed = () => clockSkewed(centralTime.offsetMs, posSettings(open.catalog.setting('pos')).maxClockSkewMin);
  const facts = (): TillFacts => ({
    appVersion: __POS_VERSION__,
    ...(storage ? { storage } : {}),
    ...(centralTime.offsetMs !== undefined ? { clockOffsetMs: centralTime.offsetMs, clockSkewed: skewed() } : {}),
  });
  const startReporter = (heartbeatMs: number | undefined) => reportStatus(open.sync, local.store, {
    store: identity.store, device: identity.device, clock: open.clock, signer: open.ctx.signer,
    reportClock: () => centralTime.now(), facts, heartbeatMs: heartbeatMs ?? REPORT_EVERY_MS,
    oldestPending: () => oldestPendingAt([local.store, local.customers], open.sync.pendingIds()),
    onError: (err) => console.warn('the till status was not written', err),
  });
  let interval = open.sync.settings?.statusIntervalMs;
  let reporter = startReporter(interval);
  const stopFollowing = open.sync.onSettings((s) => {
    if (s.statusIntervalMs === interval) return;
    interval = s.statusIntervalMs;
    const old = reporter;
    reporter = startReporter(interval);
    void old().catch((err: unknown) => console.warn('the till status reporter did not stop cleanly', err));
  });
  const compactor = startLocalCompactor({ dbs: [local.store, local.catalog, local.customers], activity: () => ({ writing: writes > 0, lastWriteMs }) });
  const publish = () => {
    onWarnings({ storagePersisted: storage?.persisted, clockOffsetMs: centralTime.offsetMs, clockSkewed: skewed() });
    reporter.refresh();
  };
  const probe = async () => {
    const sample = await probeCentralTime();
    if (sample) centralTime.record(sample);
    if (storage) storage = await storageFacts(storage.persisted).catch(() => storage);
    publish();
  };
  void askPersistentStorage().then(
    (s) => { storage = s; publish(); },
    (err: unknown) => console.warn('persistent storage could not be asked for', err),
  );
  void probe();
  const timer = setInterval(() => void probe(), PROBE_EVERY_MS);
  const onOnline = () => void probe();
  window.addEventListener('online', onOnline);

  return {
    async writing(write) {
      writes++;
      try {
        return await write();
      } finally {
        writes--;
        lastWriteMs = Date.now();
      }
    },
    async stop() {
      stopFollowing();
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
      await compactor.stop();
      await reporter();
    },
  };
}
