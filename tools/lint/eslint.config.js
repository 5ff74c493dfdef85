// ESLint for the whole project (loaded through the root eslint.config.js; `npm run lint`): ESLint's
// and typescript-eslint's recommended rules, syntax-only (tsc --noEmit does the type checking).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = { process: 'readonly', console: 'readonly', URL: 'readonly' };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/', '**/dist/', 'data/', 'test-output/',
      // CouchDB function source (validate_doc_update, map, reduce): anonymous function
      // expressions evaluated by CouchDB's JavaScript engine, not modules.
      'design-docs/src/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // House conventions: a leading underscore names a value left unused on purpose (`_req`), and
      // `({ _rev, ...shown }) => shown` leaves fields out of an object by destructuring them beside a rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A `let` assigned once after the closures that read it (late binding for a cycle) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Ambient declarations for untyped packages (store-client/types/) are pulled in by path for the POS's own tsconfig.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always' }],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      // chai's property assertions (`.to.be.empty`, `.to.be.NaN`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests and benchmarks read untyped JSON answers and probe them with chai; shipped code keeps the rule.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The POS's service worker: worker globals, and the build constants Vite's `define` puts in.
    files: ['store-client/pos/**/sw*.js'],
    languageOptions: { globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', __VERSION__: 'readonly', __PRECACHE__: 'readonly' } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...node, module: 'writable', exports: 'writable', require: 'readonly' } },
  },
);
