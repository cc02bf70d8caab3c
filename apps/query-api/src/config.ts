// The query API's configuration, parsed once from `FLOW_*` variables into a frozen object; a
// bad value stops the start with every problem listed (docs/style.md §11). See the README's table.
import {
  configReader,
  isLoopback,
  logLevels,
  readAuthConfig,
  readHttpServerLimits,
  readRateLimitConfig,
  type HttpServerLimits,
  type RateLimitConfig,
  readDatabaseConfig,
  readMetricsConfig,
  type MetricsConfig,
  type AuthConfig,
  type DatabaseConfig,
  type ConfigReader,
  type Environment,
  type LogLevel,
} from '@flow/service-kit';
import type { StatementExportConfig } from './exports/export-format.ts';
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
  /** `/metrics` on `FLOW_METRICS_PORT` (none when unset), DogStatsD when enabled. */
  readonly metrics: MetricsConfig;
  /**
   * `FLOW_CURSOR_KEYS`, comma-separated: the first signs page cursors, all verify (rotation).
   * Empty: a random key per process, so cursors do not survive a restart or cross instances.
   */
  readonly cursorKeys: readonly string[];
  /** `FLOW_BUSINESS_TIME_ZONE`, as the worker reads it: the console shows dates in this zone. */
  readonly businessTimeZone: string;
  /** `FLOW_WORKER_HEALTH_URL`: the worker's health port, which `GET /v1/operations` asks; absent, it says unknown. */
  readonly workerHealthUrl: string | undefined;
  /** The bank and agreement fields of the statement exports (OFX, CNAB 240) no ledger row holds. */
  readonly statementExport: StatementExportConfig;
  /** The console's OIDC sign-in (`FLOW_CONSOLE_OIDC_*`); absent, the console takes pasted tokens only. */
  readonly consoleOidc: ConsoleOidcConfig | undefined;
}

/**
 * The console signs in with the authorization code flow and PKCE (RFC 7636) against this issuer,
 * as a public client: no secret, the browser exchanges the code itself. The access token must be
 * one the API accepts (FLOW_JWKS_URL, FLOW_JWT_ISSUER, FLOW_JWT_AUDIENCE).
 */
export interface ConsoleOidcConfig {
  /** `FLOW_CONSOLE_OIDC_ISSUER`: its `/.well-known/openid-configuration` is read by the page. */
  readonly issuer: string;
  /** `FLOW_CONSOLE_OIDC_CLIENT_ID`: the console's client, registered with `<origin>/console/` as its redirect URI. */
  readonly clientId: string;
  /** `FLOW_CONSOLE_OIDC_SCOPE` (`openid flow:read`). */
  readonly scope: string;
  /** `FLOW_CONSOLE_OIDC_AUDIENCE`: an `audience` parameter, for providers that need one to issue the API's token. */
  readonly audience: string | undefined;
  /** `FLOW_CONSOLE_OIDC_CONNECT_ORIGINS`: more origins the page may call, when the token endpoint is not on the issuer's. */
  readonly connectOrigins: readonly string[];
}

/** Until configured: COMPE 000 (no bank), the project's name, no agreement. */
export const statementExportDefaults: StatementExportConfig = { bankCode: '000', bankName: 'FLOW', cnabAgreement: '' };
const bankNameLengthMax = 30;
const cnabAgreementLengthMax = 20;

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
  const statementExport = readStatementExportConfig(reader);
  return reader.finish('query-api', {
    host: reader.text('FLOW_HOST', '0.0.0.0'),
    port: reader.integer('FLOW_PORT', queryApiPortDefault, { min: 0, max: 65_535 }),
    logLevel: reader.oneOf('FLOW_LOG_LEVEL', logLevels, 'info'),
    auth: readAuthConfig(reader),
    http: readHttpServerLimits(reader),
    rateLimit: readRateLimitConfig(reader),
    metrics: readMetricsConfig(reader),
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
    businessTimeZone: reader.text('FLOW_BUSINESS_TIME_ZONE', 'America/Sao_Paulo'),
    workerHealthUrl: reader.url('FLOW_WORKER_HEALTH_URL'),
    statementExport,
    consoleOidc: readConsoleOidcConfig(reader),
  });
}

function readConsoleOidcConfig(reader: ConfigReader): ConsoleOidcConfig | undefined {
  const issuer = reader.url('FLOW_CONSOLE_OIDC_ISSUER');
  const clientId = reader.optionalText('FLOW_CONSOLE_OIDC_CLIENT_ID');
  const scope = reader.text('FLOW_CONSOLE_OIDC_SCOPE', 'openid flow:read');
  const audience = reader.optionalText('FLOW_CONSOLE_OIDC_AUDIENCE');
  const origins = (reader.optionalText('FLOW_CONSOLE_OIDC_CONNECT_ORIGINS') ?? '').split(/[\s,]+/).filter(Boolean);
  if (issuer === undefined && clientId === undefined) return undefined;
  if (issuer === undefined || clientId === undefined) {
    reader.problem('FLOW_CONSOLE_OIDC_ISSUER and FLOW_CONSOLE_OIDC_CLIENT_ID go together: set both for OIDC sign-in, or neither');
    return undefined;
  }
  if (URL.canParse(issuer) && !secureOrLoopback(new URL(issuer))) {
    reader.problem(`FLOW_CONSOLE_OIDC_ISSUER must be https (http only on a loopback address), got "${issuer}"`);
  }
  const connectOrigins = origins.map((origin) => {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin || !secureOrLoopback(new URL(origin))) {
      reader.problem(`FLOW_CONSOLE_OIDC_CONNECT_ORIGINS must list https origins (scheme://host[:port]), got "${origin}"`);
    }
    return origin;
  });
  return { issuer, clientId, scope, audience, connectOrigins };
}

function secureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}

/** `FLOW_EXPORT_BANK_CODE` (3 digits), `FLOW_EXPORT_BANK_NAME`, `FLOW_EXPORT_CNAB_AGREEMENT`: printable ASCII, as CNAB writes them. */
function readStatementExportConfig(reader: ReturnType<typeof configReader>): StatementExportConfig {
  const bankCode = reader.text('FLOW_EXPORT_BANK_CODE', statementExportDefaults.bankCode);
  const bankName = reader.text('FLOW_EXPORT_BANK_NAME', statementExportDefaults.bankName);
  const cnabAgreement = reader.optionalText('FLOW_EXPORT_CNAB_AGREEMENT') ?? statementExportDefaults.cnabAgreement;
  if (!/^\d{3}$/.test(bankCode)) reader.problem('FLOW_EXPORT_BANK_CODE must be the bank\'s 3-digit COMPE code');
  if (!new RegExp(`^[\\x20-\\x7e]{1,${bankNameLengthMax}}$`).test(bankName)) {
    reader.problem(`FLOW_EXPORT_BANK_NAME must be 1 to ${bankNameLengthMax} printable ASCII characters`);
  }
  if (!new RegExp(`^[\\x20-\\x7e]{0,${cnabAgreementLengthMax}}$`).test(cnabAgreement)) {
    reader.problem(`FLOW_EXPORT_CNAB_AGREEMENT must be at most ${cnabAgreementLengthMax} printable ASCII characters`);
  }
  return { bankCode, bankName, cnabAgreement };
}
