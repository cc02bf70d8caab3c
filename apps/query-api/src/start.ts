// Starting and stopping the query API. With a database passed in (the embedded stack's PGlite)
// it serves reads and catalog writes from that one database and leaves closing it to the
// caller; otherwise it opens pg pools — one on the read URL (a replica, or the primary), a small
// one on the primary for the catalog and, with a replica, a small one on the primary as the reader
// for reads the replica does not have yet — and closes them on stop. It never migrates: the
// worker (or the stack) owns the schema.
import { connectPostgres, type Database } from '@flow/ledger-core';
import {
  boundPort,
  closeServer,
  createAuthenticator,
  createLogger,
  createMetrics,
  listen,
  startMetricsServer,
  poolPasswords,
  reachableHost,
  type PoolPassword,
  runFromEnvironment,
  type Environment,
  type Logger,
} from '@flow/service-kit';
import { createQueryApiApp } from './app.ts';
import { readQueryApiConfig, type QueryApiConfig } from './config.ts';
import { primaryReadPoolSize } from './limits.ts';
import { addDatabaseSamplers } from './metrics.ts';

export const queryApiService = 'flow-query-api';

export interface QueryApiOverrides {
  /** Used for reads and writes, and not closed by `stop`. */
  readonly database?: Database;
  /** Used for reads instead of the read URL (or `database`), and not closed by `stop`. */
  readonly readDatabase?: Database;
  /** With `readDatabase`: the primary, where a read it misses falls back; not closed by `stop`. */
  readonly primaryReadDatabase?: Database;
  readonly logger?: Logger;
}

export interface RunningQueryApi {
  readonly port: number;
  /** Base URL to reach it, e.g. http://127.0.0.1:8082. */
  readonly url: string;
  /** `/metrics` on the management port, or null when `FLOW_METRICS_PORT` is unset. */
  readonly metricsUrl: string | null;
  /** Stops accepting, lets requests in flight finish, closes the pools it opened. Idempotent. */
  stop(): Promise<void>;
}

interface OpenDatabases {
  readonly readDatabase: Database;
  readonly primaryDatabase: Database;
  /** With a replica: the primary as the reader, for reads the replica misses. */
  readonly primaryReadDatabase: Database | undefined;
  /** True when reads go somewhere else than the catalog (a replica URL, or a database passed in). */
  readonly readsElsewhere: boolean;
  /** Closes only what was opened here. */
  close(): Promise<void>;
}

export async function startQueryApi(config: QueryApiConfig, overrides: QueryApiOverrides = {}): Promise<RunningQueryApi> {
  const logger = overrides.logger ?? createLogger({ service: queryApiService, level: config.logLevel });
  const databases = openDatabases(config, overrides);
  const { readDatabase, primaryDatabase, primaryReadDatabase } = databases;
  const metrics = createMetrics({ service: 'query-api', logger, dogstatsd: config.metrics.dogstatsd, cloudWatch: config.metrics.cloudWatch });
  addDatabaseSamplers(metrics, readDatabase, primaryDatabase);
  const app = createQueryApiApp({
    readDatabase, primaryDatabase, ...(primaryReadDatabase === undefined ? {} : { primaryReadDatabase }),
    replicaLagSecondsMax: config.replicaLagSecondsMax,
    authenticator: createAuthenticator(config.auth), logger, rateLimit: config.rateLimit, cursorKeys: config.cursorKeys,
    metrics, businessTimeZone: config.businessTimeZone, workerHealthUrl: config.workerHealthUrl, statementExport: config.statementExport,
    consoleOidc: config.consoleOidc,
  });
  const release = async () => {
    await metrics.close();
    await databases.close();
  };
  const metricsServer = await startMetricsServer(metrics, config.metrics, logger).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  const server = await listen(app, config.port, config.host, config.http).catch(async (error: unknown) => {
    await metricsServer?.stop();
    await release();
    throw error;
  });
  const port = boundPort(server);
  logger.info('service_started', {
    host: config.host,
    port,
    database: primaryDatabase.kind,
    readsElsewhere: databases.readsElsewhere,
    metricsUrl: metricsServer?.url,
    auth: config.auth.mode,
  });
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= closeServer(server).finally(async () => {
    await metricsServer?.stop();
    await release();
  }));
  return { port, url: `http://${reachableHost(config.host)}:${port}`, metricsUrl: metricsServer?.url ?? null, stop };
}

function openDatabases(config: QueryApiConfig, overrides: QueryApiOverrides): OpenDatabases {
  const opened: Database[] = [];
  // With a secret configured, a pool asks it for the password at run time: a rotation needs no restart.
  const passwords = poolPasswords(config.database);
  const connect = (url: string, poolSize: number, role: string, password: PoolPassword | undefined): Database => {
    if (url === '') throw new Error(`query-api: no ${role} database: set FLOW_DATABASE_URL or pass one in`);
    const database = connectPostgres({
      connectionString: url,
      statementTimeoutMs: config.statementTimeoutMs,
      poolSize,
      applicationName: `${queryApiService}-${role}`,
      ...password,
    });
    opened.push(database);
    return database;
  };
  const primaryDatabase = overrides.database ?? connect(config.database.url, config.database.poolSize, 'primary', passwords.primary);
  const readDatabase = overrides.readDatabase
    ?? overrides.database
    ?? connect(config.database.readUrl, config.database.readPoolSize, 'read', passwords.read);
  const replicaUrl = overrides.database === undefined && !sameDatabase(config.database.readUrl, config.database.url);
  const readsElsewhere = overrides.readDatabase !== undefined || replicaUrl;
  const primaryReadDatabase = overrides.readDatabase !== undefined
    ? overrides.primaryReadDatabase
    : replicaUrl ? connect(config.database.primaryReadUrl, primaryReadPoolSize, 'primary-read', passwords.read) : undefined;
  return {
    readDatabase,
    primaryDatabase,
    primaryReadDatabase,
    readsElsewhere,
    close: async () => void (await Promise.all(opened.map((database) => database.close()))),
  };
}

/** True when two connection strings name the same database, whoever logs in. */
function sameDatabase(first: string, second: string): boolean {
  const withoutLogin = (url: string) => {
    if (!URL.canParse(url)) return url;
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  };
  return withoutLogin(first) === withoutLogin(second);
}

/** The process entry (main.ts): config from the environment, start, stop on SIGTERM/SIGINT. */
export function runQueryApiFromEnvironment(environment: Environment = process.env): Promise<RunningQueryApi> {
  return runFromEnvironment({
    service: queryApiService,
    environment,
    readConfig: readQueryApiConfig,
    start: (config, logger) => startQueryApi(config, { logger }),
  });
}
