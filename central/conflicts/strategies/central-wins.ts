// Central (or an admin) has the last word: the latest live leaf whose `updatedAt` was stamped by
// central wins over any store edit, however far ahead the store's clock is. With no central
// leaf among the conflict, stores are peers and the latest writer wins.
import type { Strategy } from '../types.js';
import { latest } from './latest.js';
import { lww } from './lww.js';
import { settleTrivially } from './settle-trivially.js';
import { validStamp } from './valid-stamp.js';

export const centralWins: Strategy = (leaves, ctx) => {
  const settled = settleTrivially(leaves);
  if (settled) return settled;
  const central = leaves
    .filter((l) => !l.deleted)
    .map((leaf) => ({ leaf, stamp: validStamp(leaf.body.updatedAt) }))
    .filter((e) => e.stamp !== '' && ctx.isCentralStamp(e.stamp));
  return central.length > 0 ? { kind: 'keep-winner', rev: latest(central).leaf.rev } : lww(leaves, ctx);
};
