// The `{branch}/{account}` of the account routes: checked like any parameter, and looked up, so
// an account that was never registered is 404 rather than an empty statement with a zero balance.
// An account the replica does not have yet (opened by a batch a moment ago) is read on the primary.
import { queryApiParameters } from '@flow/contracts';
import { findAccount, type Database, type StoredAccount } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import type { Request } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import { findReadingYourWrites, type Held, type ReadDatabases } from '../http/read-your-writes.ts';

export interface AccountKey {
  readonly branch: string;
  readonly account: string;
}

/** Checks the path parameters together with `query`, so one 400 lists both kinds of problem. */
export function accountKeyOf(request: Request, query?: QueryParameters): AccountKey {
  const path = QueryParameters.path(request, queryApiParameters.getAccount.path);
  if (query === undefined) return path.finish();
  query.include(path);
  query.finish();
  return path.values as AccountKey;
}

/** The account and where to read its ledger: the replica, or the primary when only it has the account; 404 when neither. */
export async function registeredAccount(databases: ReadDatabases, key: AccountKey): Promise<Held<StoredAccount>> {
  const held = await findReadingYourWrites(databases, (database) => findAccount(database, key.branch, key.account));
  if (held === null) throw new ApiError('not_found', { branch: key.branch, account: key.account });
  return held;
}

/** The database to read the account's ledger from (see registeredAccount). */
export async function requireRegisteredAccount(databases: ReadDatabases, key: AccountKey): Promise<Database> {
  return (await registeredAccount(databases, key)).database;
}
