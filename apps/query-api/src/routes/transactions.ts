// `GET /v1/transactions/{id}`: one posting with its outcome (posted, or rejected with the
// rejection code) and its reversal links (what it reverses; its reversals and their sum);
// `GET /v1/transactions`: entries by filters, in statement order — posted ones by default,
// rejections with their reason too with `status=rejected|all` (a search reads the replica only:
// it can lag, and says nothing false about a single id).
import { archivedMonthsIn, findTransaction, searchStatuses, searchTransactions, type TransactionView } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router } from 'express';
import { pathParameters, QueryParameters } from '../http/query-parameters.ts';
import { refuseArchivedRange } from '../http/archived-range.ts';
import { findReadingYourWrites } from '../http/read-your-writes.ts';
import { mayRead, visibleBranches } from '../http/branch-access.ts';
import type { RouteDependencies } from './dependencies.ts';

const searchParameters = ['branch', 'account', 'from', 'to', 'traceKey', 'eventCode', 'producer', 'status', 'limit', 'cursor'];

export function transactionRoutes(dependencies: RouteDependencies): Router {
  const { readDatabase, requireRead } = dependencies;
  const router = Router();

  router.get('/v1/transactions/:id', requireRead, async (request, response) => {
    const path = pathParameters(request);
    const id = path.uuid('id', true);
    path.finish();
    // An id the replica does not have yet is looked up on the primary: never a false 404.
    const held = await findReadingYourWrites(dependencies, (database) => findTransaction(database, id!));
    if (held === null || !mayRead(response, held.found.branch)) throw new ApiError('not_found', { id });
    const transaction = held.found;
    // A posted entry whose month is in the lake keeps its outcome here (flow.posting), marked archived.
    const [archived] = transaction.status === 'posted' && transaction.seq === null
      ? await archivedMonthsIn(held.database, transaction.dateRef, transaction.dateRef) : [];
    const { reverses, reversedAmount, reversals } = transaction;
    response.json({ ...transactionBody(transaction), reverses, reversedAmount, reversals, ...(archived === undefined ? {} : { archived }) });
  });

  router.get('/v1/transactions', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, searchParameters);
    const search = {
      branch: query.branch(),
      branches: visibleBranches(response),
      account: query.account(),
      ...query.dateRange(false),
      traceKey: query.uuid('traceKey'),
      eventCode: query.eventCode(),
      producer: query.producer(),
      status: query.oneOf('status', searchStatuses) ?? 'posted',
      limit: query.limit(),
      cursor: query.cursor(),
    };
    query.finish();
    await refuseArchivedRange(readDatabase, search.from, search.to);
    const page = await searchTransactions(readDatabase, search);
    response.json({ items: page.items.map(transactionBody), nextCursor: page.nextCursor });
  });

  return router;
}

/** The response shape: every field always present, `reason` null unless rejected, `seq` null unless posted. */
export function transactionBody(view: TransactionView): Record<string, unknown> {
  return {
    id: view.id,
    status: view.status,
    reason: view.reason,
    branch: view.branch,
    account: view.account,
    amount: view.amount,
    debitCredit: view.debitCredit,
    eventCode: view.eventCode,
    description: view.description,
    details: view.details,
    dateRef: view.dateRef,
    traceKey: view.traceKey,
    seq: view.seq,
    processedAt: view.processedAt,
    producer: view.producer,
  };
}
