// Fresh, migrated databases for test files: always PGlite in memory, and also a brand-new
// PostgreSQL database when FLOW_TEST_DATABASE_URL points at a server (dropped afterwards).
import { randomBytes } from 'node:crypto';
import { connectPostgres } from '../database/pg-adapter.ts';
import { openPglite } from '../database/pglite-adapter.ts';
import type { Database } from '../database/port.ts';
import { databaseUrl, runOnServer } from '../database/postgres-server.ts';
import { migrate } from '../migrations/migrator.ts';

export interface TestDatabase {
  readonly database: Database;
  /** Connection string of the fresh PostgreSQL database; null on PGlite. */
  readonly url: string | null;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

export interface DatabaseTarget {
  readonly name: 'pglite' | 'postgres';
  create(options?: { poolSize?: number }): Promise<TestDatabase>;
}

export const pgliteTarget: DatabaseTarget = {
  name: 'pglite',
  async create() {
    const database = await openPglite();
    await migrate(database);
    return { database, url: null, drop: () => database.close() };
  },
};

/** The PostgreSQL target when FLOW_TEST_DATABASE_URL is set, else null. */
export function postgresTarget(): DatabaseTarget | null {
  const serverUrl = process.env.FLOW_TEST_DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') return null;
  return {
    name: 'postgres',
    async create(options = {}) {
      const name = `flow_test_${randomBytes(6).toString('hex')}`;
      await runOnServer(serverUrl, `create database ${name}`);
      const url = databaseUrl(serverUrl, name);
      const database = connectPostgres({ connectionString: url, poolSize: options.poolSize ?? 8 });
      await migrate(database);
      return {
        database,
        url,
        async drop() {
          await database.close();
          await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
        },
      };
    },
  };
}

/** PGlite always, plus PostgreSQL when configured: for `describe.each`. */
export function databaseTargets(): DatabaseTarget[] {
  const postgres = postgresTarget();
  return postgres === null ? [pgliteTarget] : [pgliteTarget, postgres];
}

/** The group roles of migration 0003, one per kind of connection. */
export type LedgerRole = 'flow_reader' | 'flow_catalog' | 'flow_worker';

export interface RoleLogin {
  /** The test database's connection string, as the new login. */
  readonly url: string;
  /** Drops the login; close every pool on `url` first. */
  drop(): Promise<void>;
}

/**
 * A login of its own that is a member of `role` only, on the server of a PostgreSQL test
 * database (trust authentication: no password). Logins are server-wide: each gets a random name.
 */
export async function createRoleLogin(testDatabase: TestDatabase, role: LedgerRole): Promise<RoleLogin> {
  if (testDatabase.url === null) throw new Error('createRoleLogin needs a PostgreSQL test database');
  const login = `flow_test_login_${randomBytes(6).toString('hex')}`;
  // The server's own URL: the login may outlive the test database (dropped first, or after).
  const serverUrl = process.env.FLOW_TEST_DATABASE_URL ?? testDatabase.url;
  await runOnServer(serverUrl, `create role ${login} login in role ${role}`);
  const url = new URL(testDatabase.url);
  url.username = login;
  url.password = '';
  return { url: url.toString(), drop: async () => void (await runOnServer(serverUrl, `drop role if exists ${login}`)) };
}
