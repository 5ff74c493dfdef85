// express-pouchdb ships no types; these are the calls we make.
declare module 'express-pouchdb' {
  import type { RequestHandler } from 'express';
  interface ExpressPouchdbOptions {
    configPath?: string;
    logPath?: string;
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  /** A database wrapper: called once per database object before its first request; calls `next()` when done. */
  type DbWrapper = (name: string, db: unknown, next: () => unknown) => unknown;
  type ExpressPouchdbApp = RequestHandler & { dbWrapper: { registerWrapper(wrapper: DbWrapper): void } };
  export default function expressPouchdb(PouchDB: unknown, options?: ExpressPouchdbOptions): ExpressPouchdbApp;
}
