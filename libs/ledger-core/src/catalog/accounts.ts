// The account registry. Status changes take effect for every batch that starts after them.
// Every account belongs to a registered branch (a foreign key); a new one only to an active one.
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

/** An account's branch is not registered, or is closed: it takes no new account. */
export class BranchUnavailableError extends Error {
  readonly branch: string;

  constructor(branch: string) {
    super(`branch ${branch} is not registered or is closed`);
    this.branch = branch;
  }
}

/**
 * Registers the account; returns null when it already exists. Throws BranchUnavailableError
 * when its branch is not registered or is closed (and the account does not exist).
 */
export async function createAccount(db: Queryable, account: AccountDefinition): Promise<StoredAccount | null> {
  const { rows } = await db.query<StoredAccount & { inserted: boolean }>(
    `with inserted as (
       insert into flow.account (branch, account, status, holder_name)
       select $1, $2, $3, $4 from flow.branch where code = $1 and status = 'active'
       on conflict (branch, account) do nothing
       returning ${accountColumns})
     select true as inserted, * from inserted
     union all
     select false, null, null, null, null, null, null
     where exists (select 1 from flow.account where branch = $1 and account = $2)`,
    [account.branch, account.account, account.status, account.holderName]);
  const row = rows.find((item) => item.inserted);
  if (row !== undefined) {
    const { inserted: _inserted, ...created } = row;
    return created;
  }
  if (rows.length > 0) return null;
  throw new BranchUnavailableError(account.branch);
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
