// The branch registry admin (agências), `flow:admin` only: list, get, register (409 when the
// code exists) and update name and status (active, closed). A closed branch takes no posting
// (`branch_closed`) and no new account from the engine's next batch on; accounts are registered
// only in an active branch (422 `branch_not_registered` otherwise). Primary only, like accounts.
import { queryApiParameters, schemas } from '@flow/contracts';
import { createBranch, decodeCursor, encodeCursor, findBranch, listBranches, pageOf, updateBranch } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router, type Request } from 'express';
import { BodyFields } from '../http/body-fields.ts';
import { QueryParameters } from '../http/query-parameters.ts';
import { pageLimitDefault } from '../limits.ts';
import type { RouteDependencies } from './dependencies.ts';

export function branchRoutes(dependencies: RouteDependencies): Router {
  const { primaryDatabase, requireAdmin, jsonBody } = dependencies;
  const router = Router();

  router.get('/v1/branches', requireAdmin, async (request, response) => {
    const query = QueryParameters.of(request, queryApiParameters.listBranches.query);
    const cursor = query.cursor();
    const limit = query.finish().limit ?? pageLimitDefault;
    const after = cursor === undefined ? undefined : decodeCursor('branches', cursor, ['text'] as const)[0];
    const rows = await listBranches(primaryDatabase, { limit: limit + 1, after });
    response.json(pageOf(rows, limit, (last) => encodeCursor('branches', [last.code])));
  });

  router.post('/v1/branches', requireAdmin, jsonBody, async (request, response) => {
    const { code, name, status = 'active' } = new BodyFields(request.body, schemas.BranchCreate).finish();
    const created = await createBranch(primaryDatabase, { code, name, status });
    if (created === null) throw new ApiError('conflict', { code });
    response.status(201).location(`/v1/branches/${created.code}`).json(created);
  });

  router.get('/v1/branches/:code', requireAdmin, async (request, response) => {
    const code = branchCodeOf(request);
    const branch = await findBranch(primaryDatabase, code);
    if (branch === null) throw new ApiError('not_found', { code });
    response.json(branch);
  });

  router.patch('/v1/branches/:code', requireAdmin, jsonBody, async (request, response) => {
    const code = branchCodeOf(request);
    const body = new BodyFields(request.body, schemas.BranchUpdate);
    body.requireAny(request.body);
    const updated = await updateBranch(primaryDatabase, code, body.finish());
    if (updated === null) throw new ApiError('not_found', { code });
    response.json(updated);
  });

  return router;
}

function branchCodeOf(request: Request): string {
  return QueryParameters.path(request, queryApiParameters.getBranch.path).finish().code;
}
