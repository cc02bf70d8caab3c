export {
  createRoleLogin, databaseTargets, pgliteTarget, postgresTarget,
  type DatabaseTarget, type LedgerRole, type RoleLogin, type TestDatabase,
} from './test-database.ts';
export { fixtureBranches, fixtureEvents, makePosting, registerBranches, seedCatalog, statementExample, type StatementExample } from './fixtures.ts';
export { faultyDatabase, type FaultyDatabase } from './faulty-database.ts';
export { freePortOnLoopback } from './free-port.ts';
// Server chores for tests and benchmarks, not for the services: whole databases on a server.
export { databaseUrl, runOnServer, serverAnswers } from '../database/postgres-server.ts';
export {
  privateServerBinaries, startPrivateServer, startStreamingReplica, superuserName,
  type PrivateServer, type PrivateServerOptions, type ServerBinaries,
} from './private-server.ts';
