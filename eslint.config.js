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
        // The page's sources have their own program (DOM, no Node); everything else is in tsconfig.check.json.
        project: ['./viewer/tsconfig.json', './tsconfig.check.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
