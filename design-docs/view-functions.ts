// Build-time only: the map functions of every design doc as code, for the POS bundle (see
// store-client/pouch-views.ts), keyed by their exact source as the design doc carries it, so a
// till runs the views it was built with and evals nothing. The POS's Vite build serves this
// module's output as `virtual:pronto-view-functions`.
import { buildDesignDocs } from './build.js';

/** An ES module whose default export is `{ [mapSource]: (emit) => mapFunction }`. */
export function viewFunctionsModule(): string {
  const sources = new Set<string>();
  for (const ddoc of Object.values(buildDesignDocs())) for (const view of Object.values(ddoc.views)) sources.add(view.map);
  const entries = [...sources].sort().map((src) => `  ${JSON.stringify(src)}: (emit) => (${src}),`);
  return `export default {\n${entries.join('\n')}\n};\n`;
}
