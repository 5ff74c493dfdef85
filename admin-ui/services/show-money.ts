// Money for people, pure: centavos (integer MXN, as every document keeps them) as pesos in the
// console's language.

/** 123456 → "$1,234.56"; a sum central did not give → "—". */
export function showMoney(centavos: number | undefined, locale: string): string {
  if (centavos === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'MXN' }).format(centavos / 100);
}
