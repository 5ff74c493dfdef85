// Validates a document in Node exactly as CouchDB will: the same check.cjs over the same
// compiled schemas, so the POS and central refuse with CouchDB's own message before writing.
import { createRequire } from 'node:module';
import { compiledValidators, type Validators } from './compile.js';
import { ProntoError } from './errors.js';
import type { ProntoDoc } from './types.js';

/** Where a document is going; `db` selects the types allowed and the store a doc must name. */
export interface ValidateContext {
  db?: string;
}

type Check = (doc: unknown, validators: Validators, ctx: ValidateContext) => string | null;

const check = createRequire(import.meta.url)('./check.cjs') as Check;

let validators: Validators | undefined;

/** The reason `doc` would be refused, or null when it is acceptable. */
export function isValid(doc: unknown, ctx: ValidateContext = {}): string | null {
  validators ??= compiledValidators();
  return check(doc, validators, { db: ctx.db });
}

/** Returns `doc` typed when acceptable; throws ProntoError VALIDATION_FAILED otherwise. */
export function validate(doc: unknown, ctx: ValidateContext = {}): ProntoDoc {
  const message = isValid(doc, ctx);
  if (message === null) return doc as ProntoDoc;
  throw new ProntoError('VALIDATION_FAILED', message, errorDetails(doc, message));
}

// `sale/lines/0/qty must be >= 1` → { type: 'sale', field: 'lines/0/qty' }.
function errorDetails(doc: unknown, message: string): { type?: string; field?: string } {
  const type = (doc as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') return {};
  const prefix = `${type}/`;
  if (!message.startsWith(prefix)) return { type };
  return { type, field: message.slice(prefix.length).split(' ')[0] };
}
