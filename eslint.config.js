// Lint runs as part of `npm test`. Besides the TypeScript rules, Nx's module-boundary rule keeps
// the architecture of DESIGN.md §1: apps import libs only, never another app, and
// `libs/contracts` imports nothing of ours.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const depConstraints = [
  { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:ledger-core', onlyDependOnLibsWithTags: ['scope:contracts'] },
  { sourceTag: 'scope:service-kit', onlyDependOnLibsWithTags: ['scope:contracts'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['scope:contracts'] },
  // The embedded local stack composes the three apps in one process; nothing imports it.
  { sourceTag: 'type:stack', onlyDependOnLibsWithTags: ['type:app', 'type:lib'] },
  { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app', 'type:infra', 'type:stack'] },
];

/** `allow` lists imports exempt from Nx's own "apps are never imported" check. */
function moduleBoundaries(allow) {
  return { enforceBuildableLibDependency: false, allow, depConstraints };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.nx/**', '.flow/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries([])],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Only the local stack may import the apps (their start functions), and only these three.
    files: ['stack/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(['@flow/ingest', '@flow/ledger-worker', '@flow/query-api'])],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
