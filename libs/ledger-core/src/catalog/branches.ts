// The branch registry (agências): every account belongs to a registered branch. A closed branch
// takes no postings (`branch_closed`) and no new accounts, registered or opened automatically;
// its accounts and their history stay readable. Status changes take effect for every batch that
// starts after them.
import type { Queryable } from '../database/port.ts';
import type { BranchStatus } from '../engine/outcome.ts';
import { pageLimitDefault, pageLimitMax } from '../limits.ts';

export interface BranchDefinition {
  readonly code: string;
  readonly name: string;
  readonly status: BranchStatus;
}

export interface StoredBranch extends BranchDefinition {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const branchColumns = `code, name, status, created_at as "createdAt", updated_at as "updatedAt"`;

/** Registers the branch; returns null when the code already exists. */
export async function createBranch(db: Queryable, branch: BranchDefinition): Promise<StoredBranch | null> {
  const { rows } = await db.query<StoredBranch>(
    `insert into flow.branch (code, name, status) values ($1, $2, $3)
     on conflict (code) do nothing
     returning ${branchColumns}`,
    [branch.code, branch.name, branch.status]);
  return rows[0] ?? null;
}

/** Changes the given fields of a branch; returns null when the code does not exist. */
export async function updateBranch(
  db: Queryable, code: string, changes: { name?: string; status?: BranchStatus },
): Promise<StoredBranch | null> {
  const { rows } = await db.query<StoredBranch>(
    `update flow.branch set name = coalesce($2, name), status = coalesce($3, status), updated_at = now()
     where code = $1
     returning ${branchColumns}`,
    [code, changes.name ?? null, changes.status ?? null]);
  return rows[0] ?? null;
}

export async function findBranch(db: Queryable, code: string): Promise<StoredBranch | null> {
  const { rows } = await db.query<StoredBranch>(`select ${branchColumns} from flow.branch where code = $1`, [code]);
  return rows[0] ?? null;
}

/** Branches in code order, after the given code. */
export async function listBranches(db: Queryable, page: { limit?: number; after?: string } = {}): Promise<StoredBranch[]> {
  // One row past a full page is allowed, so a caller can look ahead for a next page.
  const limit = Math.min(page.limit ?? pageLimitDefault, pageLimitMax + 1);
  const { rows } = await db.query<StoredBranch>(
    `select ${branchColumns} from flow.branch where code > $1 order by code limit $2`, [page.after ?? '', limit]);
  return rows;
}
