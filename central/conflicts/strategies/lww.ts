// Last writer wins: the live leaf with the greatest `updatedAt` HLC stamp.
//
// A store whose clock runs hours ahead stamps its writes hours ahead, and they win here: that
// is what an HLC means by "last". What bounds it is the drift guard where stamps are made and
// adopted (store-client/hlc.ts `receive`, HLC_DRIFT), not the resolver, which must stay a pure
// function of the leaves so that every resolver agrees.
import type { Strategy } from '../types.js';
import { latest } from './latest.js';
import { settleTrivially } from './settle-trivially.js';
import { validStamp } from './valid-stamp.js';

export const lww: Strategy = (leaves) => {
  const settled = settleTrivially(leaves);
  if (settled) return settled;
  const live = leaves.filter((l) => !l.deleted);
  const winner = latest(live.map((leaf) => ({ leaf, stamp: validStamp(leaf.body.updatedAt) })));
  return { kind: 'keep-winner', rev: winner.leaf.rev };
};
