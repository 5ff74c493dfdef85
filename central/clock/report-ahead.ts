// What central does with a stamp too far ahead of its clock to adopt (central-clock.ts): a log
// line, an audit entry `clock.ahead` and an event, at most once per writer node an hour (a till
// whose clock is hours ahead stamps every write that way), the rest counted into the next one.
import type { Logger } from 'pino';
import type { AuditWriter } from '../audit/append-audit.js';
import type { EventBus } from '../events/event-bus.js';
import type { AheadStamp } from '../central-clock.js';

const MAX_NODES = 10_000;

export function createAheadReport(deps: { audit: AuditWriter; bus: EventBus; log: Logger }, everyMs = 3_600_000, now: () => number = Date.now): (ahead: AheadStamp) => void {
  const last = new Map<string, { at: number; since: number }>();
  return (ahead) => {
    const seen = last.get(ahead.node);
    if (seen !== undefined && now() - seen.at < everyMs) {
      seen.since += 1;
      return;
    }
    if (seen === undefined && last.size >= MAX_NODES) last.delete(last.keys().next().value!);
    last.set(ahead.node, { at: now(), since: 0 });
    const details = { node: ahead.node, stamp: ahead.stamp, aheadMin: Math.round(ahead.aheadMs / 60_000), ...(seen?.since ? { seenSinceLast: seen.since } : {}) };
    deps.log.warn(details, "a stamp far ahead of central's clock was not adopted (a till's clock is wrong)");
    deps.bus.publish('clock.ahead', details);
    deps.audit.append({ actor: 'central', action: 'clock.ahead', target: ahead.node, details })
      .catch((err: Error) => deps.log.warn({ err: err.message }, 'could not audit a stamp far ahead'));
  };
}
