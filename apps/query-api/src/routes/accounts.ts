// The account registry admin, `flow:admin` only: list (optionally by branch), get, register
// (409 when it exists) and update status (active, blocked, closed) and holder name. Status
// changes take effect for every batch the engine starts after them. Primary only, like events.
// An account is registered only in a registered, active branch: 422 `branch_not_registered`.
import { accountPattern, branchPattern, limits } from '@flow/contracts';
import { BranchUnavailableError, createAccount, decodeCursor, encodeCursor, findAccount, listAccounts, pageOf, updateAccount, type AccountStatus } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router } from 'express';
import { BodyFields } from '../http/body-fields.ts';
import { QueryParameters } from '../http/query-parameters.ts';
import { accountKeyOf } from './account-path.ts';
import type { RouteDependencies } from './dependencies.ts';

const accountStatuses: readonly AccountStatus[] = ['active', 'blocked', 'closed'];
const accountFields = ['branch', 'account', 'status', 'holderName'];
const accountChanges = ['status', 'holderName'];
/** The schema's bound on holder_name. */
const holderNameLengthMax = limits.holderNameLengthMax;

export function accountRoutes(dependencies: RouteDependencies): Router {
  const { primaryDatabase, requireAdmin, jsonBody } = dependencies;
  const router = Router();

  router.get('/v1/accounts', requireAdmin, async (request, response) => {
    const query = QueryParameters.of(request, ['branch', 'limit', 'cursor']);
    const branch = query.branch();
    const limit = query.limit();
    const cursor = query.cursor();
    query.finish();
    const after = cursor === undefined ? undefined : accountAfter(cursor);
    const rows = await listAccounts(primaryDatabase, { branch, limit: limit + 1, after });
    response.json(pageOf(rows, limit, (last) => encodeCursor('accounts', [last.branch, last.account])));
  });

  router.post('/v1/accounts', requireAdmin, jsonBody, async (request, response) => {
    const body = new BodyFields(request.body, accountFields);
    const branch = body.text('branch', branchPattern, `1 to ${limits.branchLengthMax} letters or digits`, true);
    const account = body.text('account', accountPattern, `1 to ${limits.accountLengthMax} letters or digits`, true);
    const status = body.oneOf('status', accountStatuses, false) ?? 'active';
    const holderName = body.nullableText('holderName', holderNameLengthMax) ?? null;
    body.finish();
    const created = await createAccount(primaryDatabase, { branch: branch!, account: account!, status, holderName }).catch((error: unknown) => {
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
    const body = new BodyFields(request.body, accountChanges);
    body.requireAny(accountChanges);
    const status = body.oneOf('status', accountStatuses, false);
    const holderName = body.nullableText('holderName', holderNameLengthMax);
    body.finish();
    const updated = await updateAccount(primaryDatabase, key.branch, key.account, { status, holderName });
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
