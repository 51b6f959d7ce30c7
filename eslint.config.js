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

/** The pty binding sits behind the PtyHost port: one adapter file imports it. */
const ptyImport = {
  name: '@lydell/node-pty',
  message: 'Use the PtyHost port; only electron/core/terminal/node-pty-host.ts imports node-pty.',
};

/** What the core may not import: `paths` are packages, the patterns the other layers. */
const coreImports = (paths) => [
  'error',
  {
    paths,
    patterns: [
      { group: ['electron/*'], message: electronImport.message },
      {
        group: ['**/shell/**', '**/host/**', '**/renderer/**', '**/main.js', '**/preload.cjs'],
        message: 'The core must not depend on the shell, the host or the renderer.',
      },
    ],
  },
];

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
    // The ground floor: every layer imports it at runtime, so it imports nothing of ours but
    // itself, and no package but zod (the renderer bundles it too).
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|\\.\\.?/)',
              message: 'electron/common/ may import only zod and its own files.',
            },
            {
              regex:
                '(^|/)(core|shell|host|renderer|test)(/|$)|(^|/)(main|preload)\\.c?js$|^(\\.\\./){3}',
              message: 'electron/common/ is the ground floor: it must not import any other layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports([electronImport, ptyImport]),
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
    files: ['electron/core/terminal/node-pty-host.ts'],
    rules: { 'no-restricted-imports': coreImports([electronImport]) },
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
              regex: '(^|/)electron/(?!common/)',
              message: 'The renderer may import only the ground floor, electron/common/.',
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
