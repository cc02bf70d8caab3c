// The account registry admin, `flow:admin` only: list (optionally by branch), get, register
// (409 when it exists) and update status (active, blocked, closed) and holder name. Status
// changes take effect for every batch the engine starts after them. Primary only, like events.
// An account is registered only in a registered, active branch: 422 `branch_not_registered`.
import { queryApiParameters, schemas } from '@flow/contracts';
import { BranchUnavailableError, createAccount, decodeCursor, encodeCursor, findAccount, listAccounts, pageOf, updateAccount } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router } from 'express';
import { BodyFields } from '../http/body-fields.ts';
import { QueryParameters } from '../http/query-parameters.ts';
import { pageLimitDefault } from '../limits.ts';
import { accountKeyOf } from './account-path.ts';
import type { RouteDependencies } from './dependencies.ts';

export function accountRoutes(dependencies: RouteDependencies): Router {
  const { primaryDatabase, requireAdmin, jsonBody } = dependencies;
  const router = Router();

  router.get('/v1/accounts', requireAdmin, async (request, response) => {
    const query = QueryParameters.of(request, queryApiParameters.listAccounts.query);
    const cursor = query.cursor();
    const { branch, limit = pageLimitDefault } = query.finish();
    const after = cursor === undefined ? undefined : accountAfter(cursor);
    const rows = await listAccounts(primaryDatabase, { branch, limit: limit + 1, after });
    response.json(pageOf(rows, limit, (last) => encodeCursor('accounts', [last.branch, last.account])));
  });

  router.post('/v1/accounts', requireAdmin, jsonBody, async (request, response) => {
    const { branch, account, status = 'active', holderName = null } = new BodyFields(request.body, schemas.AccountCreate).finish();
    const created = await createAccount(primaryDatabase, { branch, account, status, holderName }).catch((error: unknown) => {
      if (error instanceof BranchUnavailableError) throw new ApiError('branch_not_registered', { branch });
      throw error;
    });
    if (created === null) throw new ApiError('conflict', { branch, account });
    response.status(201).location(`/v1/accounts/${branch}/${account}`).json(created);
  });

  router.get('/v1/accounts/:branch/:account', requireAdmin, async (request, response) => {
    const key = accountKeyOf(request);
    const found = await findAccount(primaryDatabase, key.branch, key.account);
    if (found === null) throw new ApiError('not_found', key);
    response.json(found);
  });

  router.patch('/v1/accounts/:branch/:account', requireAdmin, jsonBody, async (request, response) => {
    const key = accountKeyOf(request);
    const body = new BodyFields(request.body, schemas.AccountUpdate);
    body.requireAny(request.body);
    const updated = await updateAccount(primaryDatabase, key.branch, key.account, body.finish());
    if (updated === null) throw new ApiError('not_found', key);
    response.json(updated);
  });

  return router;
}

/** The account a page of the list starts after, from the previous page's cursor. */
function accountAfter(cursor: string): { branch: string; account: string } {
  const [branch, account] = decodeCursor('accounts', cursor, ['text', 'text'] as const);
  return { branch, account };
}
