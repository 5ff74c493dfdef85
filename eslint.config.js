// ESLint's flat config. The rules live in tools/lint/eslint.config.js, next to the node_modules
// that holds ESLint and typescript-eslint (tools/lint/package.json says why they are apart).
export { default } from './tools/lint/eslint.config.js';
