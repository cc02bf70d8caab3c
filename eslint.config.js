// Lint runs as part of `npm test`. Besides the TypeScript rules, Nx's module-boundary rule keeps
// the architecture of DESIGN.md §1: apps import libs only, never another app, and
// `libs/contracts` imports nothing of ours.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.nx/**', '.flow/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:ledger-core', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:service-kit', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['scope:contracts'] },
            // The embedded local stack composes the three apps in one process; nothing imports it.
            { sourceTag: 'type:stack', onlyDependOnLibsWithTags: ['type:app', 'type:lib'] },
            { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app', 'type:infra', 'type:stack'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
