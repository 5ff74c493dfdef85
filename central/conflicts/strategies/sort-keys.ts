// A deep copy with object keys in code-unit order, so two resolvers serialise the same merged
// body to byte-identical JSON (and write the same revision hash) whatever order they read.
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value).sort()) {
    // defineProperty, not assignment: a `__proto__` key in data must stay data.
    const child = sortKeys((value as Record<string, unknown>)[key]);
    Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}
