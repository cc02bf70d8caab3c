// `GET /v1/accounts/{branch}/{account}/balances`: the daily balances (consolidado diário), one
// item per day with movement: the day's totals, the accumulated totals and the end-of-day
// balance. `GET /v1/accounts/{branch}/{account}/balance`: the balance at the end of a date.
import { queryApiParameters, type schemas, type Static } from '@flow/contracts';
import { readBalanceAt, readDailyBalances } from '@flow/ledger-core';
import { Router } from 'express';
import { refuseArchivedRange } from '../http/archived-range.ts';
import { QueryParameters } from '../http/query-parameters.ts';
import { accountKeyOf, requireRegisteredAccount } from './account-path.ts';
import { pageLimitDefault } from '../limits.ts';
import type { RouteDependencies } from './dependencies.ts';

const { listDailyBalances, getBalanceAtDate } = queryApiParameters;

export function balanceRoutes(dependencies: RouteDependencies): Router {
  const { requireRead, businessTimeZone } = dependencies;
  const router = Router();

  router.get('/v1/accounts/:branch/:account/balances', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, listDailyBalances.query);
    query.checkDateRange();
    query.checkNotFuture('asOf');
    const cursor = query.cursor();
    const key = accountKeyOf(request, query);
    const { from, to, asOf, limit = pageLimitDefault } = query.finish();
    const database = await requireRegisteredAccount(dependencies, key);
    await refuseArchivedRange(database, from, to);
    const page = await readDailyBalances(database, { ...key, from, to, timeZone: businessTimeZone, limit, cursor, asOf });
    const body: Static<typeof schemas.DailyBalancePage> = { ...key, from, to, asOf: asOf ?? null, items: page.items, nextCursor: page.nextCursor };
    response.json(body);
  });

  router.get('/v1/accounts/:branch/:account/balance', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, getBalanceAtDate.query);
    query.checkNotFuture('asOf');
    const key = accountKeyOf(request, query);
    const { date, asOf } = query.finish();
    const database = await requireRegisteredAccount(dependencies, key);
    const body: Static<typeof schemas.BalanceAtDate> = { ...await readBalanceAt(database, key.branch, key.account, date, asOf), asOf: asOf ?? null };
    response.json(body);
  });

  return router;
}
