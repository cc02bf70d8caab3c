// Server-level chores on a PostgreSQL server that hold no pool: creating and dropping whole
// databases (test files, benchmark runs) and telling a connection string for one of them.
import pg from 'pg';

/** Runs one statement on its own short connection to `serverUrl` and returns its rows. */
export async function runOnServer<Row = Record<string, unknown>>(serverUrl: string, statement: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** `serverUrl` pointed at database `name` instead of the one it names. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** True when a PostgreSQL server answers at `serverUrl` within `timeoutMs`. */
export async function serverAnswers(serverUrl: string, timeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
