// Lint rules that keep the layers apart (see DESIGN §2): models/ is pure domain logic and imports
// no host API, UI framework or storage library; the CLI never imports the renderer.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
  'zlib',
  'process',
  'buffer',
  'readline',
  'assert',
  'tty',
  'module',
  'v8',
  'vm',
];
const forbiddenInModels = [
  ...nodeBuiltins.flatMap((name) => [name, `node:${name}`, `${name}/*`, `node:${name}/*`]),
  'electron',
  'svelte',
  'svelte/*',
  'dexie',
  'd3',
  'd3-*',
  '**/renderer/**',
  '**/electron/**',
  '**/cli/**',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test/fixtures/**', 'templates/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbiddenInModels,
              message: 'models/ is pure: no host, UI or storage APIs (DESIGN §2).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'require',
        'Buffer',
        'localStorage',
        'indexedDB',
      ],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['svelte', 'svelte/*', 'dexie', 'electron', '**/renderer/**'],
              message: 'The CLI never imports the UI or the desktop host.',
            },
          ],
        },
      ],
    },
  },
  ...svelte.configs.recommended,
  {
    files: ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      // Types are checked by svelte-check, which knows the DOM and Svelte's globals.
      'no-undef': 'off',
      // User text is only ever rendered as text.
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    // The renderer reaches its host only through renderer/platform/ (DESIGN §8).
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/platform/**', 'renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...nodeBuiltins.flatMap((name) => [name, `node:${name}`, `${name}/*`, `node:${name}/*`]),
                'electron',
                'electron/*',
                '**/electron/**',
                '**/cli/**',
              ],
              message: 'The renderer reaches its host only through renderer/platform/ (DESIGN §8).',
            },
          ],
        },
      ],
    },
  },
);
