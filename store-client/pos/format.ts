// How the POS shows money and times: es-MX, MXN from integer centavos.

const money = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' });
const time = new Intl.DateTimeFormat('es-MX', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatMoney(centavos: number): string {
  return money.format(centavos / 100);
}

/** Pesos typed by the cashier ("500", "499.50", "1,200") to centavos; NaN when unreadable. */
export function parsePesos(text: string): number {
  const clean = text.replace(/[\s,$]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

export function formatTime(iso: string | null): string {
  return iso === null ? '—' : time.format(new Date(iso));
}
