// Runs a design doc the way CouchDB's JS engine does: in a fresh `vm` context with no Node
// globals, functions compiled from their source text, and a CommonJS `require` that resolves
// `lib/x` against the design doc and `./x` against the requiring module's folder.
import vm from 'node:vm';
import type { DesignDoc } from '../../../design-docs/index.js';

export interface UserCtx {
  db?: string;
  name?: string | null;
  roles: string[];
}

export interface CouchSandbox {
  /** null when validate_doc_update accepts `doc`, else the `forbidden` reason. */
  validate(doc: unknown, userCtx: UserCtx, oldDoc?: unknown): string | null;
  /** The [key, value] pairs a view's map function emits for `doc`. */
  map(view: string, doc: unknown): unknown[][];
}

export function couchSandbox(ddoc: DesignDoc): CouchSandbox {
  const context = vm.createContext({});
  const compile = (src: string): (...args: unknown[]) => unknown => vm.runInContext(`(${src})`, context);
  // Documents are built inside the sandbox, as CouchDB parses them from JSON there.
  const inside = (value: unknown): unknown => vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(value))})`, context);

  function load(path: string, from: string[]): unknown {
    const parts = path.startsWith('.') ? [...from] : [];
    for (const seg of path.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.' && seg !== '') parts.push(seg);
    }
    let src: unknown = ddoc;
    for (const p of parts) src = (src as Record<string, unknown> | undefined)?.[p];
    if (typeof src !== 'string') throw new Error(`require: no module ${parts.join('/')} in the design doc`);
    const module = { exports: {} as unknown };
    const factory = compile(`function (module, exports, require) {${src}\n}`);
    factory(module, module.exports, (p: string) => load(p, parts.slice(0, -1)));
    return module.exports;
  }
  context.require = (p: string) => load(p, []);

  return {
    validate(doc, userCtx, oldDoc) {
      try {
        compile(ddoc.validate_doc_update)(inside(doc), oldDoc === undefined ? null : inside(oldDoc), inside(userCtx), inside({}));
        return null;
      } catch (err) {
        const reason = (err as { forbidden?: unknown }).forbidden;
        if (typeof reason !== 'string') throw err;
        return reason;
      }
    },
    map(view, doc) {
      const emitted: unknown[][] = [];
      context.emit = (key: unknown, value: unknown) => emitted.push([key, value]);
      const fn = ddoc.views[view]?.map;
      if (!fn) throw new Error(`no view ${view}`);
      compile(fn)(inside(doc));
      // Back to host-realm values, so deep equality compares plain data.
      return JSON.parse(JSON.stringify(emitted)) as unknown[][];
    },
  };
}
