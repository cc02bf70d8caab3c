// One jest run for the whole monorepo. TypeScript is transformed by SWC (no type-check here:
// `npm run typecheck` does that once for the tree), and modules stay ESM because fauxqs and
// PGlite ship as ES modules; jest runs them with --experimental-vm-modules.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', importAttributes: true },
      target: 'es2024',
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/{libs,apps,infra,bench,stack}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Database suites build a fresh PGlite or PostgreSQL database per file; give them room.
  testTimeout: 120_000,
  maxWorkers: 2,
};
