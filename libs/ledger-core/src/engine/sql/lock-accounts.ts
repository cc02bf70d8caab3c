// Locks every account of a batch before anything reads or writes its balances. The locks are
// transaction-scoped advisory locks taken in one total order (ascending lock key), so batches
// that share an account run one after the other and two batches can never wait on each other
// in a cycle. Advisory locks need no account row (auto-opened accounts lock the same way) and
// write nothing to disk, unlike `select … for update`.
import type { Queryable } from '../../database/port.ts';

const lockAccountsSql = `
  select pg_advisory_xact_lock(lock_key)
  from (
    select distinct hashtextextended(branch || '/' || account, 0) as lock_key
    from unnest($1::text[], $2::text[]) as batch(branch, account)
    order by lock_key
  ) as keys`;

export async function lockAccounts(tx: Queryable, branches: string[], accounts: string[]): Promise<void> {
  await tx.query(lockAccountsSql, [branches, accounts]);
}
