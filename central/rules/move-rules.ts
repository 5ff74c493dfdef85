// Stock movements, pure: opening stock is written by central alone (its own device, see
// central/devices/central-key.ts), and an adjustment — stock that appears or vanishes with no
// sale, receipt or transfer behind it — needs a manager's approval.
import { CENTRAL_DEVICE } from '../devices/central-key.js';
import type { Rule } from './types.js';

const signed = (qty: number): string => (qty > 0 ? `+${qty}` : String(qty));

export const moveKinds: Rule = (doc) => {
  if (doc.type !== 'move') return [];
  if (doc.kind === 'opening' && doc.device !== CENTRAL_DEVICE) {
    return [{ level: 'quarantine', reason: `move: opening stock is written by central only, not by device ${doc.device}` }];
  }
  if (doc.kind !== 'adjustment') return [];
  const [first] = doc.lines;
  const more = doc.lines.length > 1 ? ` and ${doc.lines.length - 1} more lines` : '';
  return [{ level: 'approval', reason: `move: a stock adjustment (${signed(first!.qty)} ${first!.sku}${more}) needs a manager's approval` }];
};
