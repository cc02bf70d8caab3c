// What a token may see of the ledger, decided in one place: `flow:read` and the token's branches
// (its `flow_branches` claim). A token without branches, or a route whose path or `branch` filter
// names a branch outside them, answers 403 `branch_forbidden`; lists are limited to the token's branches (`visibleBranches`);
// a transaction of another branch is not found, so its existence is not revealed.
import {
  chain,
  mayAccessBranch,
  requireScope,
  sendError,
  type Authenticator,
  type BranchAccess,
  type Logger,
  type Principal,
} from '@flow/service-kit';
import type { Request, RequestHandler, Response } from 'express';

/** `flow:read`, then the branch of the path (`:branch`) and of the `branch` filter. */
export function requireLedgerRead(authenticator: Authenticator, logger: Logger): RequestHandler {
  const requireBranches: RequestHandler = (request, response, next) => {
    const principal = response.locals.principal as Principal;
    const refused = refusal(request, principal.branchAccess);
    if (refused === undefined) {
      next();
      return;
    }
    logger.warn('auth_failed', { requestId: response.locals.requestId, reason: 'branch_forbidden', subject: principal.subject, ...refused });
    sendError(response, 'branch_forbidden', refused);
  };
  return chain(requireScope(authenticator, 'flow:read', logger), requireBranches);
}

/**
 * Why the request is refused, or undefined when it may go on. A token without branches (no claim,
 * or an empty one) reaches no ledger data at all: it is told so on every route, rather than given
 * empty lists a client could take for "no entries".
 */
function refusal(request: Request, access: BranchAccess): { branch: string } | { branches: [] } | undefined {
  if (!access.all && access.branches.size === 0) return { branches: [] };
  const branch = namedBranches(request).find((named) => !mayAccessBranch(access, named));
  return branch === undefined ? undefined : { branch };
}

/** The branches a list may show: null for every branch, else the token's (possibly none). */
export function visibleBranches(response: Response): readonly string[] | null {
  const access = branchAccess(response);
  return access.all ? null : [...access.branches];
}

/** True when the token may see an entry of `branch` (checked after reading one by id). */
export function mayRead(response: Response, branch: string): boolean {
  return mayAccessBranch(branchAccess(response), branch);
}

function branchAccess(response: Response): BranchAccess {
  return (response.locals.principal as Principal).branchAccess;
}

/** The branch codes a request names; malformed ones are left to the route's parameter checks. */
function namedBranches(request: Request): string[] {
  const named: string[] = [];
  const fromPath = (request.params as Record<string, unknown>).branch;
  if (typeof fromPath === 'string') named.push(fromPath);
  const fromQuery = (request.query as Record<string, unknown>).branch;
  if (typeof fromQuery === 'string') named.push(fromQuery);
  return named;
}
