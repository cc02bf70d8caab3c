// `GET /v1/transactions/{id}`: one posting with its outcome (posted, or rejected with the
// rejection code) and its reversal links (what it reverses; its reversals and their sum);
// `GET /v1/transactions`: entries by filters, in statement order — posted ones by default,
// rejections with their reason too with `status=rejected|all` (a search reads the replica only:
// it can lag, and says nothing false about a single id).
import { queryApiParameters, type schemas, type Static } from '@flow/contracts';
import { archivedMonthsIn, findTransaction, searchTransactions, type TransactionView } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import { refuseArchivedRange } from '../http/archived-range.ts';
import { findReadingYourWrites } from '../http/read-your-writes.ts';
import { mayRead, visibleBranches } from '../http/branch-access.ts';
import { pageLimitDefault } from '../limits.ts';
import type { RouteDependencies } from './dependencies.ts';

const { getTransaction, searchTransactions: searchParameters } = queryApiParameters;

export function transactionRoutes(dependencies: RouteDependencies): Router {
  const { readDatabase, requireRead } = dependencies;
  const router = Router();

  router.get('/v1/transactions/:id', requireRead, async (request, response) => {
    const id = QueryParameters.path(request, getTransaction.path).finish().id.toLowerCase();
    // An id the replica does not have yet is looked up on the primary: never a false 404.
    const held = await findReadingYourWrites(dependencies, (database) => findTransaction(database, id!));
    if (held === null || !mayRead(response, held.found.branch)) throw new ApiError('not_found', { id });
    const transaction = held.found;
    // A posted entry whose month is in the lake keeps its outcome here (flow.posting), marked archived.
    const [archived] = transaction.status === 'posted' && transaction.seq === null
      ? await archivedMonthsIn(held.database, transaction.dateRef, transaction.dateRef) : [];
    const { reverses, reversedAmount, reversals } = transaction;
    const body: Static<typeof schemas.TransactionDetail> = {
      ...transactionBody(transaction), reverses, reversedAmount, reversals, ...(archived === undefined ? {} : { archived }),
    };
    response.json(body);
  });

  router.get('/v1/transactions', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, searchParameters.query);
    query.checkDateRange();
    const cursor = query.cursor();
    const values = query.finish();
    const search = {
      ...values,
      branches: visibleBranches(response),
      traceKey: values.traceKey?.toLowerCase(),
      status: values.status ?? 'posted',
      limit: values.limit ?? pageLimitDefault,
      cursor,
    };
    await refuseArchivedRange(readDatabase, search.from, search.to);
    const page = await searchTransactions(readDatabase, search);
    const body: Static<typeof schemas.TransactionPage> = { items: page.items.map(transactionBody), nextCursor: page.nextCursor };
    response.json(body);
  });

  return router;
}

/** The response shape: every field always present, `reason` null unless rejected, `seq` null unless posted. */
export function transactionBody(view: TransactionView): Static<typeof schemas.Transaction> {
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
    processedAt: view.processedAt.toISOString(),
    producer: view.producer,
  };
}
