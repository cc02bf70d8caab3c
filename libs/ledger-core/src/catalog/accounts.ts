// The account registry. Status changes take effect for every batch that starts after them.
import type { Queryable } from '../database/port.ts';
import type { AccountStatus } from '../engine/outcome.ts';
import { pageLimitDefault, pageLimitMax } from '../limits.ts';

export interface AccountDefinition {
  readonly branch: string;
  readonly account: string;
  readonly status: AccountStatus;
  readonly holderName: string | null;
}

export interface StoredAccount extends AccountDefinition {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const accountColumns = `branch, account, status, holder_name as "holderName",
  created_at as "createdAt", updated_at as "updatedAt"`;

/** Registers the account; returns null when it already exists. */
export async function createAccount(db: Queryable, account: AccountDefinition): Promise<StoredAccount | null> {
  const { rows } = await db.query<StoredAccount>(
    `insert into flow.account (branch, account, status, holder_name) values ($1, $2, $3, $4)
     on conflict (branch, account) do nothing
     returning ${accountColumns}`,
    [account.branch, account.account, account.status, account.holderName]);
  return rows[0] ?? null;
}

const openAccountsSql = `
  insert into flow.account (branch, account)
  select branch, account from unnest($1::text[], $2::text[]) as batch(branch, account)
  on conflict (branch, account) do nothing`;

/** Registers many accounts at once as active, leaving any that exist as they are. */
export async function openAccounts(db: Queryable, branches: readonly string[], accounts: readonly string[]): Promise<void> {
  await db.query(openAccountsSql, [branches, accounts]);
}

export async function updateAccount(
  db: Queryable, branch: string, account: string, changes: { status?: AccountStatus; holderName?: string | null },
): Promise<StoredAccount | null> {
  const { rows } = await db.query<StoredAccount>(
    `update flow.account set status = coalesce($3, status),
       holder_name = case when $4 then $5 else holder_name end, updated_at = now()
     where branch = $1 and account = $2
     returning ${accountColumns}`,
    [branch, account, changes.status ?? null, changes.holderName !== undefined, changes.holderName ?? null]);
  return rows[0] ?? null;
}

export async function findAccount(db: Queryable, branch: string, account: string): Promise<StoredAccount | null> {
  const { rows } = await db.query<StoredAccount>(
    `select ${accountColumns} from flow.account where branch = $1 and account = $2`, [branch, account]);
  return rows[0] ?? null;
}

/** Accounts of a branch (or all) in (branch, account) order, after the given key. */
export async function listAccounts(
  db: Queryable, page: { branch?: string; limit?: number; after?: { branch: string; account: string } } = {},
): Promise<StoredAccount[]> {
  // One row past a full page is allowed, so a caller can look ahead for a next page.
  const limit = Math.min(page.limit ?? pageLimitDefault, pageLimitMax + 1);
  const { rows } = await db.query<StoredAccount>(
    `select ${accountColumns} from flow.account
     where ($1::text is null or branch = $1) and (branch, account) > ($2, $3)
     order by branch, account limit $4`,
    [page.branch ?? null, page.after?.branch ?? '', page.after?.account ?? '', limit]);
  return rows;
}
