// pouchdb-abstract-mapreduce ships no types: the factory pouchdb-mapreduce itself is built from.
declare module 'pouchdb-abstract-mapreduce' {
  type Emit = (key: unknown, value?: unknown) => void;
  type Reduce = (keys: unknown[] | null, values: unknown[], rereduce?: boolean) => unknown;
  interface AbstractMapReduce {
    query(this: unknown, fun: unknown, opts?: unknown, callback?: unknown): Promise<unknown>;
    viewCleanup(this: unknown, callback?: unknown): Promise<unknown>;
  }
  export default function createAbstractMapReduce(
    localDocName: string,
    mapper: (mapFun: unknown, emit: Emit) => (doc: unknown) => unknown,
    reducer: (reduceFun: unknown) => Reduce,
    ddocValidator: (ddoc: { _id: string; views?: Record<string, { map?: unknown }> }, viewName: string) => void,
  ): AbstractMapReduce;
}
