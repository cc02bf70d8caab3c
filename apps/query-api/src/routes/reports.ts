// `GET /v1/reports/daily`: the consolidated day per branch (accounts with movement, entries, the
// day's debits and credits, and the sum of every account's balance at the end of the day),
// one item per branch, paginated by branch.
import { queryApiParameters, type schemas, type Static } from '@flow/contracts';
import { readDailyReport } from '@flow/ledger-core';
import { Router } from 'express';
import { QueryParameters } from '../http/query-parameters.ts';
import { visibleBranches } from '../http/branch-access.ts';
import { pageLimitDefault } from '../limits.ts';
import type { RouteDependencies } from './dependencies.ts';

export function reportRoutes(dependencies: RouteDependencies): Router {
  const { readDatabase, requireRead } = dependencies;
  const router = Router();

  router.get('/v1/reports/daily', requireRead, async (request, response) => {
    const query = QueryParameters.of(request, queryApiParameters.getDailyReport.query);
    const cursor = query.cursor();
    const { date, branch, limit = pageLimitDefault } = query.finish();
    const page = await readDailyReport(readDatabase, { date, branch, branches: visibleBranches(response), limit, cursor });
    const body: Static<typeof schemas.DailyReportPage> = { date, items: page.items, nextCursor: page.nextCursor };
    response.json(body);
  });

  return router;
}
