// A key signs only for its own device and store, pure. A signature proves which key signed; this
// checks the document does not claim to be someone else's: `device` is the device the key is
// registered for, `store` is that device's store and the database's, and the id names the same
// store and — through the node id at the end of its HLC stamp — the same device. A void's id
// carries its sale's stamp (`return:<store>:void:<sale's stamp>`), so for a void only `device`
// binds. A till status's id is `store-status:<store>:<device>`.
import type { Device } from '../../validators/index.js';

export interface BoundDoc { _id: string; store?: unknown; device?: unknown }

const STAMPED = /^(?:sale|move|return):([^:]+):(void:)?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-([a-z0-9][a-z0-9._-]{0,63})$/;
const STATUS = /^store-status:([^:]+):(.+)$/;

/** Null when `doc` is bound to `device` and stored in store `dbStore`'s database, else why not. */
export function bindingVerdict(doc: BoundDoc, dbStore: string, device: Pick<Device, 'store' | 'device'>): string | null {
  const who = `${String(doc.store)}/${String(doc.device)}`;
  if (device.store !== doc.store || device.device !== doc.device) return `the key is registered for device ${device.store}/${device.device}, not ${who}`;
  if (doc.store !== dbStore) return `device ${who} signs for store ${String(doc.store)}, not for store-${dbStore}`;
  const status = STATUS.exec(doc._id);
  if (status) return status[1] === doc.store && status[2] === doc.device ? null : `the id ${doc._id} names another device than ${who}`;
  const m = STAMPED.exec(doc._id);
  if (!m) return `the id ${doc._id} has no store and stamp`;
  if (m[1] !== doc.store) return `the id ${doc._id} names store ${m[1]}, not ${String(doc.store)}`;
  if (m[2] === undefined && m[3] !== doc.device) return `the id's stamp was made by device ${m[3]}, not by ${String(doc.device)}, whose key signed it`;
  return null;
}
