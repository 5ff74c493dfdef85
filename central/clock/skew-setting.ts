// The clock skew central allows (settings:pos `maxClockSkewMin`, central/rules' default when
// unset), for its clock's observe bound. Read lazily and cached for `refreshMs`: the bound is
// asked for synchronously at every observe, so a stale value is served while a fresh one loads.
import type Nano from 'nano';
import type { Logger } from 'pino';
import type { Settings } from '../../validators/index.js';
import { isStatus } from '../couch/errors.js';
import { posRules, DEFAULT_POS_RULES } from '../rules/pos-rules.js';
import { POS_SETTINGS_ID } from '../rules/catalog-facts.js';

export interface SkewSetting {
  /** The allowed skew, ms. */
  maxAheadMs(): number;
}

export function createSkewSetting(nano: Nano.ServerScope, log: Logger, refreshMs = 60_000, now: () => number = Date.now): SkewSetting {
  let minutes = DEFAULT_POS_RULES.maxClockSkewMin;
  let readAt = -Infinity;
  let loading = false;
  const refresh = (): void => {
    loading = true;
    nano.use('catalog').get(POS_SETTINGS_ID)
      .then((doc) => posRules((doc as unknown as Settings).value).maxClockSkewMin, (err: unknown) => {
        if (isStatus(err, 404)) return DEFAULT_POS_RULES.maxClockSkewMin;
        log.warn({ err: (err as Error).message }, `could not read ${POS_SETTINGS_ID} for the allowed clock skew; keeping ${minutes} min`);
        return minutes;
      })
      .then((m) => { minutes = m; readAt = now(); loading = false; });
  };
  return {
    maxAheadMs() {
      if (!loading && now() - readAt > refreshMs) refresh();
      return minutes * 60_000;
    },
  };
}
