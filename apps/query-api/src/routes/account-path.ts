// The `{branch}/{account}` of the account routes: checked like any parameter, and looked up, so
// an account that was never registered is 404 rather than an empty statement with a zero balance.
import { findAccount, type Queryable } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import type { Request } from 'express';
import { pathParameters, type QueryParameters } from '../http/query-parameters.ts';

export interface AccountKey {
  readonly branch: string;
  readonly account: string;
}

/** Checks the path parameters together with `query`, so one 400 lists both kinds of problem. */
export function accountKeyOf(request: Request, query?: QueryParameters): AccountKey {
  const path = pathParameters(request);
  const branch = path.branch('branch', true);
  const account = path.account('account', true);
  query?.include(path);
  (query ?? path).finish();
  return { branch: branch!, account: account! };
}

export async function requireRegisteredAccount(database: Queryable, key: AccountKey): Promise<void> {
  if ((await findAccount(database, key.branch, key.account)) === null) {
    throw new ApiError('not_found', { branch: key.branch, account: key.account });
  }
}
