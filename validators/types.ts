// TypeScript types derived from the JSON Schemas, so the types cannot drift from what
// CouchDB accepts. FromSchema turns `patternProperties: {"^_": {}}` into an index signature;
// we drop it and name CouchDB's own fields instead, so typos in field names still fail to compile.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { docTypes, fieldRules, posSettingsSchema, schemas, strategies, syncSettingsSchema } from './schemas/index.js';

/** CouchDB's own fields that may appear on any document read back from a database. */
export interface CouchMeta {
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  _revisions?: { start: number; ids: string[] };
  // No `_attachments`: Pronto documents carry none (the schemas still let CouchDB's through),
  // and a loose type here would clash with PouchDB's own Attachments type on put().
}

type WithoutIndex<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type Doc<S extends JSONSchema> = WithoutIndex<FromSchema<S>> & CouchMeta;

export type DocType = (typeof docTypes)[number];
export type Strategy = (typeof strategies)[number];
export type FieldRule = (typeof fieldRules)[number];

export type Product = Doc<(typeof schemas)['product']>;
export type Store = Doc<(typeof schemas)['store']>;
export type Device = Doc<(typeof schemas)['device']>;
export type Approver = Doc<(typeof schemas)['approver']>;
export type Settings = Doc<(typeof schemas)['settings']>;
export type Sale = Doc<(typeof schemas)['sale']>;
export type Move = Doc<(typeof schemas)['move']>;
export type Return = Doc<(typeof schemas)['return']>;
export type StoreStatus = Doc<(typeof schemas)['store-status']>;
export type Customer = Doc<(typeof schemas)['customer']>;
export type Conflict = Doc<(typeof schemas)['conflict']>;
export type Audit = Doc<(typeof schemas)['audit']>;
export type StockBase = Doc<(typeof schemas)['stock-base']>;

export type ConflictPolicy = NonNullable<Settings['policy']>;
export type SaleLine = Sale['lines'][number];
export type MoveLine = Move['lines'][number];
export type ReturnLine = Return['lines'][number];
/** A manager's signature on a sale, return or move (with its `approvedBy`). */
export type Approval = NonNullable<Sale['approval']>;
/** The `value` of `settings:pos`. */
export type PosSettings = FromSchema<typeof posSettingsSchema>;
/** The `value` of `settings:sync`. */
export type SyncSettingsValue = FromSchema<typeof syncSettingsSchema>;

export type ProntoDoc = Product | Store | Device | Approver | Settings | Sale | Move | Return | StoreStatus | Customer | Conflict | Audit;
/** The document type for a given `type` value. */
export type DocOf<T extends DocType> = Extract<ProntoDoc, { type: T }>;
