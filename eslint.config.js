// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** DESIGN.md's layering, enforced: the core is Electron-free, the renderer never reaches into main. */
const electronImport = {
  name: 'electron',
  message: 'electron/core/ must stay Electron-free; put Electron code in electron/shell/.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // A sandboxed preload is CommonJS, and `import x = require()` is how TypeScript writes that.
    files: ['**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }] },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            { group: ['electron/*'], message: electronImport.message },
            {
              group: [
                '**/shell/**',
                '**/host/**',
                '**/renderer/**',
                '**/main.js',
                '**/preload.cjs',
              ],
              message: 'The core must not depend on the shell, the host or the renderer.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='electron']", message: electronImport.message },
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
          message: electronImport.message,
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '!**/electron/contract/*'],
              message: 'The renderer may only import types from electron/contract/.',
            },
            {
              group: ['**/electron/contract/*'],
              allowTypeImports: true,
              message: 'Import the contract with `import type` only.',
            },
          ],
          paths: [
            { name: 'electron', message: 'The renderer talks to main through window.onwatch.' },
          ],
        },
      ],
    },
  },
);
