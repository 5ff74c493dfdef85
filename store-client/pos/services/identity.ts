// Who this till is, remembered in localStorage so a reload (online or not) reopens the POS
// without a login: the store, the device id enrolled at central, the last cashier and the
// roles central gave that account (they decide discount limits and approvals offline).

export interface TillIdentity {
  store: string;
  device: string;
  cashier: string;
  roles: string[];
}

const KEY = 'pronto.pos.identity';

export function loadIdentity(): TillIdentity | undefined {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<TillIdentity> | null;
    if (raw && typeof raw.store === 'string' && typeof raw.device === 'string' && typeof raw.cashier === 'string') {
      const roles = Array.isArray(raw.roles) ? raw.roles.filter((r): r is string => typeof r === 'string') : [];
      return { store: raw.store, device: raw.device, cashier: raw.cashier, roles };
    }
  } catch {
    // A damaged entry means "not set up": the cashier logs in again.
  }
  return undefined;
}

export function saveIdentity(identity: TillIdentity): void {
  localStorage.setItem(KEY, JSON.stringify(identity));
}

/** A device id central accepts (`/^[a-z0-9][a-z0-9._-]{0,63}$/`), unique enough per browser. */
export function newDeviceId(store: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `${store}.pos-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
