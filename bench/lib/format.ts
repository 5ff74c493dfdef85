// How figures are written in the table: a number with its unit, to a precision that fits its
// size, and a ratio as "0.42×".

/** `15.8 ms`, `2.31 s`, `1,234 docs/s`: three significant figures at most, thousands grouped. */
export function formatValue(x: number | null, unit: string): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}
