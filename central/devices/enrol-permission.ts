// Who may enrol a signing key for a device, pure: a key is what makes central count a till's
// sales, so a cashier or a till's own account must not mint one (they would sign whatever they
// like). A manager of the store enrols a new device; only an admin gives an enrolled device
// another key (a rotation). A till with no manager at hand may only *ask* (any account of the
// store): an admin approves the request (device-requests.ts). Device `central` is central's own key (central-key.ts), never enrolled.
import { CENTRAL_DEVICE } from './central-key.js';

/** Null when the caller may enrol a new device of `store`, else why not. */
export function enrolRefusal(caller: { admin: boolean; roles: readonly string[] }, store: string, device: string): string | null {
  if (device === CENTRAL_DEVICE) return `device id ${CENTRAL_DEVICE} is reserved for central's own signing key`;
  if (caller.admin || (caller.roles.includes('manager') && caller.roles.includes(`store:${store}`))) return null;
  return `enrolling a device of store ${store} needs a manager of that store or an admin`;
}

/** Null when the caller may ask an admin to enrol a device of `store` (any account of that store), else why not. */
export function requestRefusal(roles: readonly string[], store: string, device: string): string | null {
  if (device === CENTRAL_DEVICE) return `device id ${CENTRAL_DEVICE} is reserved for central's own signing key`;
  if (roles.includes(`store:${store}`)) return null;
  return `asking to enrol a device of store ${store} needs an account of that store`;
}
