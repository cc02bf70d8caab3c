export { databaseTargets, pgliteTarget, postgresTarget, type DatabaseTarget, type TestDatabase } from './test-database.ts';
export { fixtureEvents, makePosting, seedCatalog } from './fixtures.ts';
