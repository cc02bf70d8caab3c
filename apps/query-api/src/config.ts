// The query API's configuration, parsed once from `FLOW_*` variables into a frozen object; a
// bad value stops the start with every problem listed (docs/style.md §11). See the README's table.
import {
  configReader,
  logLevels,
  readAuthConfig,
  readHttpServerLimits,
  readRateLimitConfig,
  type HttpServerLimits,
  type RateLimitConfig,
  readDatabaseConfig,
  type AuthConfig,
  type DatabaseConfig,
  type Environment,
  type LogLevel,
} from '@flow/service-kit';
import { replicaLagSecondsMaxDefault, replicaLagSecondsMaxLimit, statementTimeoutMsDefault, statementTimeoutMsMax } from './limits.ts';

export interface QueryApiConfig {
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly auth: AuthConfig;
  readonly database: DatabaseConfig;
  /** `statement_timeout` of both pools' connections, unless a connection string sets its own. */
  readonly statementTimeoutMs: number;
  /** Readiness fails while the read replica lags more than this (`FLOW_REPLICA_LAG_MAX_SECONDS`). */
  readonly replicaLagSecondsMax: number;
  readonly http: HttpServerLimits;
  readonly rateLimit: RateLimitConfig;
  /**
   * `FLOW_CURSOR_KEYS`, comma-separated: the first signs page cursors, all verify (rotation).
   * Empty: a random key per process, so cursors do not survive a restart or cross instances.
   */
  readonly cursorKeys: readonly string[];
}

/** The least bytes of a cursor key: the 256 bits of an HMAC-SHA256 key. */
export const cursorKeyBytesMin = 32;

export const queryApiPortDefault = 8082;
/** The catalog admin is the only writer, and a rare one. */
const primaryPoolSizeDefault = 2;
const readPoolSizeDefault = 10;

export interface QueryApiConfigOptions {
  /** True when the caller passes the database (the embedded stack's PGlite): no URL needed. */
  readonly databaseInjected?: boolean;
}

export function readQueryApiConfig(environment: Environment, options: QueryApiConfigOptions = {}): Readonly<QueryApiConfig> {
  const reader = configReader(environment);
  const cursorKeys = (reader.optionalText('FLOW_CURSOR_KEYS') ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (cursorKeys.some((key) => Buffer.byteLength(key) < cursorKeyBytesMin)) {
    reader.problem(`every key in FLOW_CURSOR_KEYS must be at least ${cursorKeyBytesMin} bytes`);
  }
  return reader.finish('query-api', {
    host: reader.text('FLOW_HOST', '0.0.0.0'),
    port: reader.integer('FLOW_PORT', queryApiPortDefault, { min: 0, max: 65_535 }),
    logLevel: reader.oneOf('FLOW_LOG_LEVEL', logLevels, 'info'),
    auth: readAuthConfig(reader),
    http: readHttpServerLimits(reader),
    rateLimit: readRateLimitConfig(reader),
    database: readDatabaseConfig(reader, {
      poolSize: primaryPoolSizeDefault,
      readPoolSize: readPoolSizeDefault,
      urlRequired: options.databaseInjected !== true,
    }),
    statementTimeoutMs: reader.integer('FLOW_DATABASE_STATEMENT_TIMEOUT_MS', statementTimeoutMsDefault, {
      min: 0, max: statementTimeoutMsMax,
    }),
    replicaLagSecondsMax: reader.integer('FLOW_REPLICA_LAG_MAX_SECONDS', replicaLagSecondsMaxDefault, {
      min: 1, max: replicaLagSecondsMaxLimit,
    }),
    cursorKeys,
  });
}
