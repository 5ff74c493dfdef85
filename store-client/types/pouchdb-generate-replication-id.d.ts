// PouchDB's own replication id (md5 of source id + target id + filter/selector/doc_ids), the
// `_local/<id>` a replication keeps its checkpoint under; untyped upstream.
declare module 'pouchdb-generate-replication-id' {
  interface IdSource { id(): Promise<string> }
  export default function generateReplicationId(
    src: IdSource, target: IdSource,
    opts: { doc_ids?: string[]; filter?: unknown; query_params?: unknown; view?: unknown; selector?: unknown },
  ): Promise<string>;
}
