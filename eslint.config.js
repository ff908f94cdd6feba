import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const ui = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*'];

/**
 * The modules of the cores that reach no tfjs (src/layers.test.ts proves it of every module
 * this list lets through): the page and trainer/shared may import values from these and no other
 * core module. A new module stays out until it is listed, so tfjs cannot slip into the main bundle.
 */
const tfjsFree = [
  '!**/math/**',
  '!**/data/**',
  ...['heads', 'heads/**', 'head', 'plane', 'betaSchedule', 'diagnostics', 'gaussianEllipses', 'guards'].map(
    (m) => `!**/loss/${m}`,
  ),
  '!**/model/architecture',
  '!**/learner/snapshot',
  // A head's `.tf` half (loss, logits, update rule) is its tfjs-backed one.
  '**/*.tf',
];

/**
 * Values from tfjs-backed code: `loss` (its index re-exports the tf heads), `model`, `learner` and the worker.
 * Types are erased: they never pull tfjs in. A glob for `loss` itself would exclude the folder, which no later
 * `!` can re-include (gitignore's rule), so the index is matched by a regex.
 */
const tfjsBacked = (message) => [
  {
    group: ['@tensorflow/*', '**/loss/**', '**/model/**', '**/learner/**', '**/trainer/worker/**', ...tfjsFree],
    allowTypeImports: true,
    message,
  },
  { regex: '/loss(/index)?$', allowTypeImports: true, message },
];

/** One no-restricted-imports per folder (flat config replaces, never merges, a rule's options). */
const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

/** Tests never ship: they may build their fixtures with tfjs. */
const tests = ['**/*.test.ts'];

const apart = 'store (state) and plot (drawing math) never import each other: share through math or the caller.';

const pageMessage =
  'The page never loads tfjs (it trains in the worker): import only types, or a module of the tfjs-free list in eslint.config.js.';

/**
 * Layering: pure cores import no UI; trainer/shared (the protocol both sides load) imports only types and
 * tfjs-free helpers; the worker reaches neither the DOM layer nor the store; the page (url, components, export,
 * sandbox, store, plot) loads no tfjs; plot (drawing math) and store (state) never import each other.
 */
export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'e2e-artifacts',
      'src/**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Formatting is Prettier's (`npm run lint` checks it); no style rule here may disagree with it.
  prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  restrict(
    ['src/math/**', 'src/loss/**', 'src/model/**', 'src/data/**', 'src/learner/**'],
    [
      { group: ui, message: 'Pure cores import no React, d3 or store.' },
      {
        group: [
          '**/url/**',
          '**/store/**',
          '**/components/**',
          '**/plot/**',
          '**/trainer/client/**',
          '**/trainer/worker/**',
        ],
        message: 'Pure cores import no outer layer.',
      },
    ],
  ),
  restrict(
    ['src/trainer/shared/**'],
    [
      { group: ui, message: 'trainer/shared is loaded by the page and the worker alike: no React, d3 or store.' },
      {
        group: ['**/url/**', '**/store/**', '**/components/**', '**/plot/**', '**/trainer/client/**'],
        message: 'trainer/shared sits below both sides of the worker protocol: it imports no outer layer.',
      },
      ...tfjsBacked(
        'trainer/shared imports only types and pure helpers (the tfjs-free list in eslint.config.js): both the page and the worker load it.',
      ),
    ],
    tests,
  ),
  restrict(
    ['src/trainer/worker/**'],
    [
      { group: ui, message: 'The worker never imports UI libraries.' },
      {
        group: ['**/store/**', '**/components/**', '**/plot/**', '**/trainer/client/**'],
        message: 'The worker never imports the DOM layer or the store.',
      },
    ],
  ),
  restrict(['src/url/**', 'src/components/**', 'src/export/**', 'src/sandbox/**'], tfjsBacked(pageMessage), tests),
  restrict(['src/store/**'], [...tfjsBacked(pageMessage), { group: ['**/plot/**'], message: apart }], tests),
  restrict(['src/plot/**'], [...tfjsBacked(pageMessage), { group: ['**/store/**'], message: apart }], tests),
);
