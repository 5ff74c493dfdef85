// Does a refusal message name a field that is really in the document? Messages read
// `<type><JSON pointer> <problem>` (validators/README.md), where the pointer's last segment may be
// a raw key (ajv's additionalProperties and propertyNames errors append it unescaped).

const TOP_LEVEL = [
  /^document must be an object$/s,
  /^type is required$/s,
  /^type .* is unknown$/s,
  /^type .+ is not allowed in (database .+|this database)$/s,
];

/** True when `message` names the problem: a top-level rule, or a path that resolves in `doc`. */
export function namesTheProblem(doc: unknown, message: string): boolean {
  if (TOP_LEVEL.some((re) => re.test(message))) return true;
  if (message === '_deleted must be true or false') return '_deleted' in (doc as object);
  const tombstone = /^a deleted document carries only _id, _rev and _deleted; found (.*)$/s.exec(message);
  if (tombstone) return Object.keys(doc as object).some((key) => key.slice(0, 64) === tombstone[1]);
  const type = (doc as { type?: unknown }).type;
  if (typeof type !== 'string' || !message.startsWith(type)) return false;
  const rest = message.slice(type.length);
  const required = / is required$/.exec(rest);
  if (required) {
    // `<parent>/<missing> is required`: the parent exists, the missing name comes from the schema.
    const pointer = rest.slice(0, required.index);
    const cut = pointer.lastIndexOf('/');
    return cut >= 0 && resolves(doc, pointer.slice(0, cut));
  }
  for (let i = rest.indexOf(' '); i >= 0; i = rest.indexOf(' ', i + 1)) {
    if (resolves(doc, rest.slice(0, i))) return true;
  }
  return false;
}

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** `pointer` ('' or '/a/0/b') leads through own properties of `value`, keys escaped or raw. */
function resolves(value: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  if (value === null || typeof value !== 'object' || !pointer.startsWith('/')) return false;
  const body = pointer.slice(1);
  for (const key of Object.keys(value)) {
    for (const form of new Set([escape(key), key])) {
      if (body === form) return true;
      if (body.startsWith(form + '/') && resolves((value as Record<string, unknown>)[key], body.slice(form.length))) return true;
    }
  }
  return false;
}
