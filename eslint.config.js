import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Store modules only the store itself may import: keys, item helpers, batching, the client, transactions. */
const STORE_INTERNALS = ['**/store/keys.js', '**/store/items.js', '**/store/batch.js', '**/store/client.js', '**/store/transact.js'];
const SDK = ['@aws-sdk/*'];

/** The layers (docs/relations.md): functions → lib/http → lib/usecases → lib/domain and lib/store. */
const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local-data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read env once, in lib/config.ts.' }],
    },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['lib/config.ts', 'lib/local/**', 'infra/**', 'test/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  layer(['functions/**'], ['**/lib/store/*', '**/lib/domain/*', ...SDK], 'A handler is one call: endpoint(route, use case).'),
  layer(['lib/http/**'], ['**/store/*', '../usecases/*/**', ...SDK], 'lib/http reaches data only through lib/usecases.'),
  layer(['lib/usecases/**'], ['**/http/*', ...STORE_INTERNALS, ...SDK], "Use cases call the store's functions, not its internals."),
  layer(['lib/domain/**'], ['**/store/*', '**/usecases/*', '**/http/*', ...SDK, 'node:*'], 'lib/domain decides; it does no I/O.'),
  layer(['lib/store/**'], ['**/usecases/*', '**/http/*'], 'The store stores: it calls no use case.'),
  {
    files: ['lib/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
);
