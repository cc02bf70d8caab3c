// Where a service's PostgreSQL is. `FLOW_DATABASE_URL` is the primary; `FLOW_DATABASE_READ_URL`
// a read replica (the query API reads there; it falls back to the primary). On AWS the
// credentials arrive apart from the URL, as `FLOW_DATABASE_USER` and `FLOW_DATABASE_PASSWORD`
// injected from Secrets Manager; they override any user and password in the URL.
import type { ConfigReader } from './config.ts';

export interface DatabaseConfig {
  /** Connection string with the credentials folded in. */
  readonly url: string;
  readonly readUrl: string;
  readonly poolSize: number;
  readonly readPoolSize: number;
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
  const user = reader.optionalText('FLOW_DATABASE_USER');
  const password = reader.optionalText('FLOW_DATABASE_PASSWORD');
  return {
    url: withCredentials(url, user, password),
    readUrl: withCredentials(readUrl, user, password),
    poolSize: reader.integer('FLOW_DATABASE_POOL_SIZE', options.poolSize, { min: 1, max: databasePoolSizeMax }),
    readPoolSize: reader.integer('FLOW_DATABASE_READ_POOL_SIZE', options.readPoolSize, { min: 1, max: databasePoolSizeMax }),
  };
}

function withCredentials(url: string, user: string | undefined, password: string | undefined): string {
  if (url === '' || !URL.canParse(url) || (user === undefined && password === undefined)) return url;
  const parsed = new URL(url);
  if (user !== undefined) parsed.username = encodeURIComponent(user);
  if (password !== undefined) parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
