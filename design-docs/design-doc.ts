// The shape of the `_design/pronto` document pushed to each kind of database.
// https://docs.couchdb.org/en/stable/ddocs/ddocs.html

export type DesignDocKind = 'store' | 'catalog' | 'customers' | 'audit' | 'stats';

export const designDocKinds: readonly DesignDocKind[] = ['store', 'catalog', 'customers', 'audit', 'stats'];

export interface DesignDoc {
  _id: string;
  _rev?: string;
  language: 'javascript';
  validate_doc_update: string;
  views: Record<string, { map: string; reduce?: string }>;
  /** CommonJS modules, loaded by `require('lib/<name>')`: check, validators, ucs2length (none for `stats`). */
  lib: Record<string, string>;
}
