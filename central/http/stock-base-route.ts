// GET /api/stock-base/:store/:cutoff — a store's stock base at a month start (central/stock-bases),
// published first when central has none yet (then kept current by the feed job): a till asks for it at its first start, before it
// fixes its history window (store-client/history-window), and replicates it from then on. Rights
// are replication's (a store account its own store, admins any: snapshot-access); publishing is
// derived data central computes, idempotent, so a GET may do it. A cutoff later than the current
// month's start is refused (400): it could not be kept current (refresh-stock-bases). So is one
// further back than the longest window settings:sync allows (historyDays ≤ 3660): no till asks for
// it, and a store account could otherwise make central publish (and then keep refreshing) a base
// for every month start since 1900.
import type { Request, Response } from 'express';
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import { STORE_ID } from '../../validators/schemas/common.js';
import { checkSnapshotAccess } from '../snapshot/index.js';
import { ensureStockBase, isMonthStart, latestCutoff } from '../stock-bases/index.js';
import type { AuthLocals } from './auth/auth-settings.js';
import { syncSettingsSchema } from '../../validators/schemas/settings.js';

const LONGEST_WINDOW_DAYS = syncSettingsSchema.properties.historyDays.maximum;

const STORE = new RegExp(`^${STORE_ID}$`);

export function stockBaseRoute(deps: { nano: Nano.ServerScope; clock: { next(): string }; now?: () => number }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { store, cutoff } = req.params;
    if (typeof store !== 'string' || !STORE.test(store)) throw new ProntoError('BAD_REQUEST', 'store: not a store id', { param: 'store', value: store });
    checkSnapshotAccess((res.locals as AuthLocals).roles, `store-${store}`);
    if (!isMonthStart(cutoff)) throw new ProntoError('BAD_REQUEST', 'cutoff: must be a month start, YYYY-MM-01', { param: 'cutoff', value: cutoff });
    const latest = latestCutoff((deps.now ?? Date.now)());
    if (cutoff > latest) throw new ProntoError('BAD_REQUEST', `cutoff: no later than ${latest}`, { param: 'cutoff', value: cutoff });
    const earliest = new Date((deps.now ?? Date.now)() - LONGEST_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 7) + '-01';
    if (cutoff < earliest) throw new ProntoError('BAD_REQUEST', `cutoff: no earlier than ${earliest} (the longest history window, ${LONGEST_WINDOW_DAYS} days)`, { param: 'cutoff', value: cutoff });
    res.setHeader('Cache-Control', 'no-store');
    res.json(await ensureStockBase(deps, store, cutoff));
  };
}
