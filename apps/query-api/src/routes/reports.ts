// `GET /v1/reports/daily`: the consolidated day per branch (accounts with movement, entries, the
// day's debits and credits, and the sum of every account's balance at the end of the day),
// one item per branch, paginated by branch.
import { readDailyReport } from '@flow/ledger-core';
import { Router } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import { visibleBranches } from '../http/branch-access.ts';
import type { RouteDependencies } from './dependencies.ts';

const dailyReportParameters = ['date', 'branch', 'limit', 'cursor'];

export function reportRoutes(dependencies: RouteDependencies): Router {
  const { readDatabase, requireRead } = dependencies;
  const router = Router();

  router.get('/v1/reports/daily', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, dailyReportParameters);
    const date = query.date('date', true);
    const branch = query.branch();
    const limit = query.limit();
    const cursor = query.cursor();
    query.finish();
    const page = await readDailyReport(readDatabase, { date: date!, branch, branches: visibleBranches(response), limit, cursor });
    response.json({ date, items: page.items, nextCursor: page.nextCursor });
  });

  return router;
}
