import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const ui = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*'];

/** Layering: pure cores import no UI; the worker reaches neither the DOM layer nor the store. */
export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report', 'e2e-artifacts'] },
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
  {
    files: ['src/math/**', 'src/loss/**', 'src/model/**', 'src/data/**', 'src/learner/**', 'src/trainer/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ui, message: 'Pure cores import no React, d3 or store.' },
            {
              group: ['**/store/**', '**/components/**', '**/plot/**', '**/trainer/client/**', '**/trainer/worker/**'],
              message: 'Pure cores import no outer layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/trainer/worker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ui, message: 'The worker never imports UI libraries.' },
            {
              group: ['**/store/**', '**/components/**', '**/plot/**', '**/trainer/client/**'],
              message: 'The worker never imports the DOM layer or the store.',
            },
          ],
        },
      ],
    },
  },
);
