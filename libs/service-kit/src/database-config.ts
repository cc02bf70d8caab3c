// Where a service's PostgreSQL is, and as whom each pool connects. `FLOW_DATABASE_URL` is the
// primary; `FLOW_DATABASE_READ_URL` a read replica (the query API reads there; it falls back to
// the primary's host). Each pool has its own credentials, apart from the URL, so each can be a
// login of its own least-privilege role (migration 0003; the README's "Database roles"):
//   primary pool   FLOW_DATABASE_USER / FLOW_DATABASE_PASSWORD (or FLOW_DATABASE_SECRET_ARN);
//   read pool      FLOW_DATABASE_READ_USER / FLOW_DATABASE_READ_PASSWORD (or …_READ_SECRET_ARN),
//                  else the primary's;
//   migrations     FLOW_DATABASE_MIGRATION_USER / …_PASSWORD (or …_MIGRATION_SECRET_ARN), the
//                  schema owner, used by the worker to migrate at start, else the primary's.
// They override any user and password written in the URL. With a secret, the pool also asks the
// secret for its password at run time (database-secrets.ts `poolPasswords`): cached, fetched again
// after a rejected login, so a rotation needs no restart.
import type { ConfigReader } from './config.ts';

export interface DatabaseConfig {
  /** Connection string with the credentials folded in. */
  readonly url: string;
  readonly readUrl: string;
  /**
   * The primary as the read pool's login: where the query API reads what a replica does not have
   * yet (read-your-writes). Equal to `readUrl` when there is no replica.
   */
  readonly primaryReadUrl: string;
  /** The primary, as the schema owner: only the worker's start-up migration uses it. */
  readonly migrationUrl: string;
  readonly poolSize: number;
  readonly readPoolSize: number;
  /** `FLOW_DATABASE_SECRET_ARN`: the primary pool's password at run time. */
  readonly secretArn: string | undefined;
  /** `FLOW_DATABASE_READ_SECRET_ARN`, else the primary's secret when the read pool uses the primary's login. */
  readonly readSecretArn: string | undefined;
  /** Secrets Manager's region (`FLOW_AWS_REGION`, `AWS_REGION`; else the SDK's) and endpoint (`FLOW_SECRETS_MANAGER_ENDPOINT`; else AWS). */
  readonly secretsRegion: string | undefined;
  readonly secretsEndpoint: string | undefined;
}

export const databasePoolSizeMax = 100;

export interface DatabaseConfigOptions {
  readonly poolSize: number;
  readonly readPoolSize: number;
  /** False when the caller supplies the database itself (the embedded stack's PGlite). */
  readonly urlRequired: boolean;
}

export function readDatabaseConfig(reader: ConfigReader, options: DatabaseConfigOptions): DatabaseConfig {
  const url = reader.url('FLOW_DATABASE_URL') ?? '';
  if (url === '' && options.urlRequired) reader.problem('FLOW_DATABASE_URL is required (postgres://user@host:5432/database)');
  const readUrl = reader.url('FLOW_DATABASE_READ_URL') ?? url;
  const primary = credentialsOf(reader, 'FLOW_DATABASE', undefined);
  const read = credentialsOf(reader, 'FLOW_DATABASE_READ', primary);
  return {
    url: withCredentials(url, primary),
    readUrl: withCredentials(readUrl, read),
    primaryReadUrl: withCredentials(url, read),
    migrationUrl: withCredentials(url, credentialsOf(reader, 'FLOW_DATABASE_MIGRATION', primary)),
    poolSize: reader.integer('FLOW_DATABASE_POOL_SIZE', options.poolSize, { min: 1, max: databasePoolSizeMax }),
    readPoolSize: reader.integer('FLOW_DATABASE_READ_POOL_SIZE', options.readPoolSize, { min: 1, max: databasePoolSizeMax }),
    ...secretsOf(reader, read === primary),
  };
}

function secretsOf(reader: ConfigReader, readUsesPrimaryLogin: boolean) {
  const secretArn = reader.optionalText('FLOW_DATABASE_SECRET_ARN');
  return {
    secretArn,
    readSecretArn: reader.optionalText('FLOW_DATABASE_READ_SECRET_ARN') ?? (readUsesPrimaryLogin ? secretArn : undefined),
    secretsRegion: reader.optionalText('FLOW_AWS_REGION') ?? reader.optionalText('AWS_REGION'),
    secretsEndpoint: reader.url('FLOW_SECRETS_MANAGER_ENDPOINT'),
  };
}

interface Credentials {
  readonly user: string | undefined;
  readonly password: string | undefined;
}

/** `<prefix>_USER` and `<prefix>_PASSWORD`; when neither is set, `fallback`. */
function credentialsOf(reader: ConfigReader, prefix: string, fallback: Credentials | undefined): Credentials {
  const user = reader.optionalText(`${prefix}_USER`);
  const password = reader.optionalText(`${prefix}_PASSWORD`);
  if (user === undefined && password === undefined && fallback !== undefined) return fallback;
  return { user, password };
}

function withCredentials(url: string, { user, password }: Credentials): string {
  if (url === '' || !URL.canParse(url) || (user === undefined && password === undefined)) return url;
  const parsed = new URL(url);
  if (user !== undefined) parsed.username = encodeURIComponent(user);
  if (password !== undefined) parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
