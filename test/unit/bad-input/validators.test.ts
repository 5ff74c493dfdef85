// Bad input at the document contract: every document type's schema and rules (validators/)
// take broken, wrong-typed, prototype-laden, deeply nested and unicode-edge documents and
// either accept them or refuse them with a message naming the field — never a throw of another
// kind, never a change to Object.prototype. fast-check prints the seed of a failure to replay it.
import { expect } from 'chai';
import fc from 'fast-check';
import { isProntoError, isValid, validate } from '../../../validators/index.js';
import { brokenDoc, fuzzRuns, hostileValue, nested, protoKey, setOwn } from '../../helpers/arbitraries.js';
import { namesTheProblem } from './field-path.js';

const DBS = ['store-s1', 'store-s2', 'catalog', 'customers', 'audit', 'elsewhere', undefined] as const;

/** What the prototypes look like, to see that validating changed nothing there. */
function prototypesSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(',')).join('|') + `|${String(({} as Record<string, unknown>).polluted)}`;
}

/** The verdict for `doc`, checking on the way that `validate` agrees with `isValid` and throws only its own error. */
function judge(doc: unknown, db: string | undefined): string | null {
  const message = isValid(doc, { db });
  expect(message === null || typeof message === 'string', 'isValid answers null or a message').to.equal(true);
  try {
    validate(doc, { db });
    expect(message, 'validate accepts what isValid accepts').to.equal(null);
  } catch (err) {
    expect(isProntoError(err, 'VALIDATION_FAILED'), `validate throws VALIDATION_FAILED, not ${String(err)}`).to.equal(true);
    expect((err as Error).message).to.equal(message);
  }
  if (message !== null) expect(namesTheProblem(doc, message), `"${message.slice(0, 200)}" names a field of the document`).to.equal(true);
  return message;
}

/** Counts of cases run, printed at the end (the issue asks for the numbers). */
const counted: Record<string, number> = {};
const count = (name: string) => () => { counted[name] = (counted[name] ?? 0) + 1; };

describe('validators under bad input (property-based)', function () {
  let before: string;
  beforeEach(() => { before = prototypesSnapshot(); });
  afterEach(() => expect(prototypesSnapshot(), 'Object.prototype and friends unchanged').to.equal(before));
  after(() => console.log(`      bad-input cases at the validators: ${JSON.stringify(counted)}`));

  it('refuses a type that is an object with its own non-function toString, instead of throwing', function () {
    expect(isValid({ type: JSON.parse('{"toString":1}') }, { db: 'store-s1' })).to.equal('type [object Object] is unknown');
    expect(isValid({ type: JSON.parse('{"__proto__":null,"valueOf":{}}') })).to.equal('type [object Object] is unknown');
  });

  it('refuses a valid document broken in one to three places with a message naming the field, or accepts it', function () {
    const seen = count('broken JSON documents');
    fc.assert(fc.property(brokenDoc({ jsonSafe: true, maxLong: 20_000 }), fc.constantFrom(...DBS), ({ doc, db }, other) => {
      seen();
      const message = judge(doc, db);
      // What travels as JSON is judged the same once parsed (CouchDB sees the parsed copy).
      expect(isValid(JSON.parse(JSON.stringify(doc)), { db }), 'same verdict after a JSON round trip').to.equal(message);
      judge(doc, other);
    }), { numRuns: fuzzRuns(6000) });
  });

  it('refuses documents carrying what JSON cannot (NaN, Infinity, undefined) or accepts them, never throwing', function () {
    const seen = count('broken documents with non-JSON values');
    fc.assert(fc.property(brokenDoc({ jsonSafe: false, maxLong: 5000 }), ({ doc, db }) => {
      seen();
      judge(doc, db);
    }), { numRuns: fuzzRuns(3000) });
  });

  it('refuses anything that is not a document, and documents of hostile values and keys', function () {
    const seen = count('arbitrary values');
    fc.assert(fc.property(hostileValue({ jsonSafe: false, maxLong: 5000 }), fc.constantFrom(...DBS), (value, db) => {
      seen();
      const message = judge(value, db);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) expect(message).to.equal('document must be an object');
    }), { numRuns: fuzzRuns(3000) });
  });

  it('refuses a hostile `type` (objects with their own toString, proto keys, huge strings) naming it, never throwing', function () {
    const seen = count('hostile type field');
    const typeValue = fc.oneof(
      hostileValue({ jsonSafe: false, maxLong: 5000 }),
      fc.tuple(protoKey(), hostileValue({ jsonSafe: true })).map(([k, v]) => { const o = {}; setOwn(o, k, v); return o; }),
      protoKey(),
    );
    fc.assert(fc.property(typeValue, fc.constantFrom(...DBS), (type, db) => {
      seen();
      const message = judge({ _id: 'x', type, updatedAt: 'x', updatedBy: 'x' }, db);
      expect(message).to.be.a('string');
    }), { numRuns: fuzzRuns(1500) });
  });

  it('takes deeply nested values anywhere without overflowing the stack', function () {
    const seen = count('deeply nested');
    fc.assert(fc.property(brokenDoc({ jsonSafe: true, maxMutations: 1 }), fc.integer({ min: 1000, max: 100_000 }), fc.constantFrom('array' as const, 'object' as const),
      ({ doc, db }, depth, kind) => {
        seen();
        setOwn(doc, 'deep', nested(depth, kind));
        judge(doc, db);
      }), { numRuns: fuzzRuns(300) });
  });
});
