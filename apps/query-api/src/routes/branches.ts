// The branch registry admin (agências), `flow:admin` only: list, get, register (409 when the
// code exists) and update name and status (active, closed). A closed branch takes no posting
// (`branch_closed`) and no new account from the engine's next batch on; accounts are registered
// only in an active branch (422 `branch_not_registered` otherwise). Primary only, like accounts.
import { branchPattern, limits } from '@flow/contracts';
import { createBranch, decodeCursor, encodeCursor, findBranch, listBranches, pageOf, updateBranch, type BranchStatus } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';
import { Router, type Request } from 'express';
import { BodyFields } from '../http/body-fields.ts';
import { pathParameters, QueryParameters } from '../http/query-parameters.ts';
import type { RouteDependencies } from './dependencies.ts';

const branchStatuses: readonly BranchStatus[] = ['active', 'closed'];
const branchFields = ['code', 'name', 'status'];
const branchChanges = ['name', 'status'];
const namePattern = new RegExp(`^.{1,${limits.branchNameLengthMax}}$`, 'su');
const nameExpected = `a text of 1 to ${limits.branchNameLengthMax} characters`;

export function branchRoutes(dependencies: RouteDependencies): Router {
  const { primaryDatabase, requireAdmin, jsonBody } = dependencies;
  const router = Router();

  router.get('/v1/branches', requireAdmin, async (request, response) => {
    const query = QueryParameters.of(request, ['limit', 'cursor']);
    const limit = query.limit();
    const cursor = query.cursor();
    query.finish();
    const after = cursor === undefined ? undefined : decodeCursor('branches', cursor, ['text'] as const)[0];
    const rows = await listBranches(primaryDatabase, { limit: limit + 1, after });
    response.json(pageOf(rows, limit, (last) => encodeCursor('branches', [last.code])));
  });

  router.post('/v1/branches', requireAdmin, jsonBody, async (request, response) => {
    const body = new BodyFields(request.body, branchFields);
    const code = body.text('code', branchPattern, `1 to ${limits.branchLengthMax} letters or digits`, true);
    const name = body.text('name', namePattern, nameExpected, true);
    const status = body.oneOf('status', branchStatuses, false) ?? 'active';
    body.finish();
    const created = await createBranch(primaryDatabase, { code: code!, name: name!, status });
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
    const body = new BodyFields(request.body, branchChanges);
    body.requireAny(branchChanges);
    const changes = { name: body.text('name', namePattern, nameExpected, false), status: body.oneOf('status', branchStatuses, false) };
    body.finish();
    const updated = await updateBranch(primaryDatabase, code, changes);
    if (updated === null) throw new ApiError('not_found', { code });
    response.json(updated);
  });

  return router;
}

function branchCodeOf(request: Request): string {
  const path = pathParameters(request);
  const code = path.branch('code', true);
  path.finish();
  return code!;
}
