// CouchDB design docs for every kind of Pronto database, and the check that lets setup skip
// pushing an unchanged one.
export { buildDesignDocs } from './build.js';
export { designDocChanged } from './design-doc-changed.js';
export { designDocKinds, type DesignDoc, type DesignDocKind } from './design-doc.js';
