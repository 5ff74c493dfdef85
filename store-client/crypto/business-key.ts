// The normalized phone and tax id a blind index is computed over. The SAME rules as the plain
// branch of central/resolver/business-keys.ts and the customers `by-business-key` view, so a
// key means one thing everywhere: phone = the last 10 digits of a value made only of digits,
// spaces and + ( ) . -, with at least 10 digits; tax id = upper case without spaces and dashes,
// letters, digits, & and Ñ only. Anything else is not a business key (null).

export type BusinessKeyKind = 'phone' | 'taxId';

export function normalizeBusinessKey(value: unknown, kind: BusinessKeyKind): string | null {
  return kind === 'phone' ? normalizePhone(value) : normalizeTaxId(value);
}

export function normalizePhone(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[0-9+()\s.-]+$/.test(value)) return null;
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length >= 10 ? digits.slice(digits.length - 10) : null;
}

export function normalizeTaxId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const key = value.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9&\u00d1]+$/.test(key) ? key : null;
}
