// Customer look-up decisions, pure: whether typed text is a phone (looked up by blind index)
// or a name (matched word by word, accent- and case-free), and how a phone is shown on screen
// (only its last four digits: the cashier confirms the person, the screen does not leak it).
import { normalizePhone } from '../crypto/index.js';
import { normalizeText } from './search-catalog.js';

export interface NamedCustomer {
  id: string;
  name: string;
  /** normalizeText(name), computed once. */
  search: string;
}

/** The normalized phone when `text` reads as one (10+ digits), else undefined. */
export function asPhone(text: string): string | undefined {
  return normalizePhone(text.trim()) ?? undefined;
}

export function matchNames(customers: readonly NamedCustomer[], text: string, limit = 8): NamedCustomer[] {
  const tokens = normalizeText(text).split(' ').filter((w) => w !== '');
  if (tokens.length === 0) return [];
  const out: NamedCustomer[] = [];
  for (const c of customers) {
    if (tokens.every((w) => c.search.includes(w))) out.push(c);
    if (out.length >= limit) break;
  }
  return out;
}

/** «5512345678» → «•••• 5678»; undefined stays undefined. */
export function maskPhone(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  const digits = phone.replace(/[^0-9]/g, '');
  return digits.length < 4 ? '••••' : `•••• ${digits.slice(-4)}`;
}
