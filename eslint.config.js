// ESLint with typescript-eslint's type-checked rules (see docs/development.md for why this and not Biome).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/**', 'out/**', 'out-*/**', 'bench/corpus/**', 'eval-cache/**', 'data/**', 'test/fixtures/**', 'node_modules/**', '.tmp/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Everything outside the page is typed by tsconfig.check.json (src, scripts, bench, test).
        project: ['./tsconfig.check.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A leading underscore marks a value left unused on purpose (a destructured field dropped, a callback's first argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Chinese text is full of ideographic spaces (U+3000): in templates and regexes they are data.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
      // Off: matching control characters is the point where it happens (XML cannot hold them, binary detection).
      'no-control-regex': 'off',
      // Off: async functions implement async interfaces (Reader.read, fs-like test doubles) without always awaiting.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The page's sources have their own program (DOM, no Node types).
    files: ['viewer/src/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./viewer/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
