// express-pouchdb ships no types; this is the one call we make.
declare module 'express-pouchdb' {
  import type { RequestHandler } from 'express';
  interface ExpressPouchdbOptions {
    configPath?: string;
    logPath?: string;
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  export default function expressPouchdb(PouchDB: unknown, options?: ExpressPouchdbOptions): RequestHandler;
}
