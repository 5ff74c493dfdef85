// The document contract: schemas, derived types, validation and the code CouchDB runs.
export * from './types.js';
export * from './schemas/index.js';
export { validate, isValid, type ValidateContext } from './validate.js';
export { compiledValidators, standaloneModule, type Validators } from './compile.js';
export { checkSource } from './check-source.js';
export { ProntoError, isProntoError, type ErrorCode } from './errors.js';
