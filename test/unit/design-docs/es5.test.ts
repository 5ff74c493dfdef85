// Map functions, validate_doc_update and lib modules run in CouchDB's engine (possibly
// SpiderMonkey 1.8.5) and PouchDB's browser mapreduce: they must stay ES5. This is a lint by
// pattern, after blanking comments and string literals, not a parser.
import { expect } from 'chai';
import { buildDesignDocs } from '../../../design-docs/index.js';

const FORBIDDEN: [RegExp, string][] = [
  [/\b(let|const|class|of)\s+[A-Za-z_$[{(]/, 'let/const/class/for-of'],
  [/=>/, 'arrow function'],
  [/`/, 'template string'],
  [/\.\.\.[A-Za-z_$[{(]/, 'spread'],
  [/\b(Object\.(assign|entries|values)|Array\.(from|of)|Promise|Symbol|Map|Set|WeakMap)\b/, 'ES2015+ builtin'],
  [/\.(includes|startsWith|endsWith|padStart|find|findIndex)\(/, 'ES2015+ method'],
];

// Blanks // and /* */ comments and '…' / "…" strings, so words inside them do not count.
function code(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\/|(^|[^\\:])\/\/.*$|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/gm, (m, pre?: string) =>
    m.startsWith('"') || m.startsWith("'") ? '""' : (pre ?? ''),
  );
}

describe('design-docs ES5 sources', () => {
  for (const [kind, doc] of Object.entries(buildDesignDocs())) {
    const sources: Record<string, string> = { validate_doc_update: doc.validate_doc_update, ...doc.lib };
    for (const [name, view] of Object.entries(doc.views)) sources[`views/${name}/map`] = view.map;
    for (const [name, src] of Object.entries(sources)) {
      it(`${kind} ${name} uses only ES5`, () => {
        const body = code(src);
        for (const [re, what] of FORBIDDEN) expect(re.test(body), `${what} in ${kind} ${name}`).to.equal(false);
      });
    }
  }
});
