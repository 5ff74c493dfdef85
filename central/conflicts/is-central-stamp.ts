// Central and admins stamp their writes with HLC node id `central` (or `central.<name>`); stores
// use `<store>.<device>`. The node id is the last part of a stamp (see store-client/hlc.ts).
import { parseStamp } from '../../store-client/hlc.js';

export function isCentralStamp(stamp: string): boolean {
  try {
    const node = parseStamp(stamp).node;
    return node === 'central' || node.startsWith('central.');
  } catch {
    return false;
  }
}
