// Reads devices' registered keys from the catalog (`device:<store>:<device>`), cached until the
// resolver sees that document change. The catalog and a store database are followed apart, so a
// caller that finds no matching key asks again with `fresh` (a key enrolled a moment ago).
import type Nano from 'nano';
import type { Device } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';

export interface DeviceRegistry {
  get(store: string, device: string, fresh?: boolean): Promise<Device | null>;
  invalidate(id: string): void;
}

export const deviceId = (store: string, device: string): string => `device:${store}:${device}`;

export function createDeviceRegistry(nano: Nano.ServerScope): DeviceRegistry {
  const cache = new Map<string, Promise<Device | null>>();
  return {
    get(store, device, fresh = false) {
      const id = deviceId(store, device);
      if (fresh) cache.delete(id);
      let hit = cache.get(id);
      if (!hit) {
        hit = nano.use<Device>('catalog').get(id).then((d) => d as unknown as Device, (err: unknown) => {
          if (isStatus(err, 404)) return null;
          cache.delete(id);
          throw couchError(err, `reading ${id}`);
        });
        cache.set(id, hit);
      }
      return hit;
    },
    invalidate(id) {
      cache.delete(id);
    },
  };
}
