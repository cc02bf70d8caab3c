// Read-your-writes on a read replica (docs/decisions/0010-read-your-writes.md). A replica replays
// the primary's log a little later, so a consumer that just received `posted` on the callback topic
// may ask for an id the replica does not have yet; answering 404 would say "never received". So a
// lookup the replica misses is asked again of the primary (as the reader's login), and the request
// is served from whichever database holds it. Only misses pay: a read the replica has costs
// nothing more, an id the replica lacks costs one primary lookup by key.
import type { Database } from '@flow/ledger-core';

export interface ReadDatabases {
  /** The read replica, or the primary when there is none. */
  readonly readDatabase: Database;
  /** The primary as the reader's login; absent when reads already go to the primary. */
  readonly primaryReadDatabase?: Database;
}

export interface Held<T> {
  readonly found: T;
  /** Where it was found: serve the rest of the request from there, so the answer is consistent. */
  readonly database: Database;
}

/** `find` on the read database, else on the primary; null only when neither holds it. */
export async function findReadingYourWrites<T>(databases: ReadDatabases, find: (database: Database) => Promise<T | null>): Promise<Held<T> | null> {
  const onReplica = await find(databases.readDatabase);
  if (onReplica !== null) return { found: onReplica, database: databases.readDatabase };
  const primary = databases.primaryReadDatabase;
  if (primary === undefined) return null;
  const onPrimary = await find(primary);
  return onPrimary === null ? null : { found: onPrimary, database: primary };
}
