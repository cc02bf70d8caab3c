// `GET /v1/accounts/{branch}/{account}/balances`: the daily balances (consolidado diário), one
// item per day with movement: the day's totals, the accumulated totals and the end-of-day
// balance. `GET /v1/accounts/{branch}/{account}/balance`: the balance at the end of a date.
import { readBalanceAt, readDailyBalances } from '@flow/ledger-core';
import { Router } from 'express';
import { refuseArchivedRange } from '../http/archived-range.ts';
import { QueryParameters } from '../http/query-parameters.ts';
import { accountKeyOf, requireRegisteredAccount } from './account-path.ts';
import type { RouteDependencies } from './dependencies.ts';

const balancesParameters = ['from', 'to', 'limit', 'cursor', 'asOf'];
const balanceParameters = ['date', 'asOf'];

export function balanceRoutes(dependencies: RouteDependencies): Router {
  const { requireRead, businessTimeZone } = dependencies;
  const router = Router();

  router.get('/v1/accounts/:branch/:account/balances', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, balancesParameters);
    const range = query.dateRange(true);
    const limit = query.limit();
    const cursor = query.cursor();
    const asOf = query.instant('asOf');
    const key = accountKeyOf(request, query);
    const database = await requireRegisteredAccount(dependencies, key);
    await refuseArchivedRange(database, range.from, range.to);
    const page = await readDailyBalances(database, { ...key, from: range.from!, to: range.to!, timeZone: businessTimeZone, limit, cursor, asOf });
    response.json({ ...key, from: range.from, to: range.to, asOf: asOf ?? null, items: page.items, nextCursor: page.nextCursor });
  });

  router.get('/v1/accounts/:branch/:account/balance', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, balanceParameters);
    const date = query.date('date', true);
    const asOf = query.instant('asOf');
    const key = accountKeyOf(request, query);
    const database = await requireRegisteredAccount(dependencies, key);
    response.json({ ...await readBalanceAt(database, key.branch, key.account, date!, asOf), asOf: asOf ?? null });
  });

  return router;
}
