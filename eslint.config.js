// Lint runs as part of `npm test`. Besides the TypeScript rules, Nx's module-boundary rule keeps
// the architecture of docs/architecture.md: apps import libs only, never another app, and
// `libs/contracts` imports nothing of ours. The formatter is @stylistic's rules, the layout the
// code already has (docs/style.md §13): `npm run format` formats, `npm run lint` checks.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const depConstraints = [
  { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:ledger-core', onlyDependOnLibsWithTags: ['scope:contracts'] },
  { sourceTag: 'scope:service-kit', onlyDependOnLibsWithTags: ['scope:contracts'] },
  // The API's client is for its consumers and the end-to-end suites; an app never calls itself.
  { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:contracts'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'], notDependOnLibsWithTags: ['scope:client'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['scope:contracts'] },
  // The embedded local stack composes the three apps in one process; nothing imports it.
  { sourceTag: 'type:stack', onlyDependOnLibsWithTags: ['type:app', 'type:lib'] },
  { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app', 'type:infra', 'type:stack'] },
];

/** The formatter: layout only, every rule auto-fixable. */
const formatting = {
  '@stylistic/indent': ['error', 2, { SwitchCase: 1, flatTernaryExpressions: true, ignoredNodes: ['TemplateLiteral *'] }],
  '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
  '@stylistic/semi': ['error', 'always'],
  '@stylistic/comma-dangle': ['error', 'always-multiline'],
  '@stylistic/no-trailing-spaces': 'error',
  '@stylistic/eol-last': ['error', 'always'],
  '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0, maxBOF: 0 }],
  '@stylistic/comma-spacing': 'error',
  '@stylistic/keyword-spacing': 'error',
  '@stylistic/space-before-blocks': 'error',
  '@stylistic/space-infix-ops': 'error',
  '@stylistic/arrow-spacing': 'error',
  '@stylistic/key-spacing': 'error',
  '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
  '@stylistic/max-len': ['error', { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
};

/** What the console's browser modules may use without importing it. */
const browserGlobals = Object.fromEntries([
  'window', 'document', 'navigator', 'history', 'sessionStorage', 'localStorage', 'fetch', 'URL', 'URLSearchParams',
  'AbortController', 'TextDecoderStream', 'TextEncoder', 'Node', 'Intl', 'atob', 'btoa', 'crypto', 'setTimeout', 'requestAnimationFrame',
].map((name) => [name, 'readonly']));

/** `allow` lists imports exempt from Nx's own "apps are never imported" check. */
function moduleBoundaries(allow) {
  return { enforceBuildableLibDependency: false, allow, depConstraints };
}

export default tseslint.config(
  // libs/client/src/generated: openapi-typescript's output, checked against the documents by a test.
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.nx/**', '.flow/**', 'libs/client/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx, '@stylistic': stylistic },
    rules: {
      ...formatting,
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries([])],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Only the local stack may import the apps (their start functions), and only these (the CLI for its chores).
    files: ['stack/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(['@flow/ingest', '@flow/ledger-worker', '@flow/query-api', '@flow/cli'])],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ignores: ['libs/console/web/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The console's browser modules, served as they are: browser globals, no Node, no console.
    files: ['libs/console/web/**/*.js'],
    plugins: { '@stylistic': stylistic },
    languageOptions: { sourceType: 'module', globals: browserGlobals },
    rules: { ...formatting, 'no-console': 'error' },
  },
);
