// A recorded reconciliation run (`flow reconcile`, the schedules, the embedded stack's timer):
// one row of flow.reconciliation_run per run, the accounts checked a page at a time (keyset
// over flow.account, so memory is bounded by the page whatever the ledger's size), each
// difference handed to the caller as it is found instead of being collected. Metrics and
// monitors read the latest run's `differences` and `finished_at`.
import type { Queryable } from '../database/port.ts';
import { reconcileAccounts, type AccountKey, type BalanceDifference, type ReconciliationScope } from './reconciliation.ts';

export type ReconciliationStatus = 'clean' | 'differences' | 'failed';

export interface ReconciliationRun {
  readonly runId: string;
  readonly scope: ReconciliationScope;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly accountsChecked: number;
  readonly differences: number;
  readonly status: ReconciliationStatus;
}

export interface ReconciliationRunOptions {
  readonly scope?: ReconciliationScope;
  /** Accounts reconciled per query; bounds memory. */
  readonly pageSize?: number;
  /** Called once with the number of accounts in scope, then after each page with the accounts done so far. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  readonly onDifference?: (difference: BalanceDifference) => void;
}

export const reconciliationPageSizeDefault = 500;

const accountsPageSql = `
  select branch, account from flow.account
  where ($1::text is null or branch = $1) and ($2::text is null or account = $2)
    and ($3::text is null or (branch, account) > ($3, $4))
  order by branch, account
  limit $5`;

/** Runs a reconciliation over the accounts of `scope`, records it, and returns its summary. */
export async function runReconciliation(db: Queryable, options: ReconciliationRunOptions = {}): Promise<ReconciliationRun> {
  const scope = cleanScope(options.scope ?? {});
  const pageSize = options.pageSize ?? reconciliationPageSizeDefault;
  const { rows: [started] } = await db.query<{ id: string; startedAt: Date }>(
    'insert into flow.reconciliation_run (scope) values ($1) returning id::text, started_at as "startedAt"', [JSON.stringify(scope)]);
  const runId = started!.id;
  let accountsChecked = 0;
  let differences = 0;
  try {
    const { rows: [counted] } = await db.query<{ total: number }>(
      'select count(*)::integer as total from flow.account where ($1::text is null or branch = $1) and ($2::text is null or account = $2)',
      [scope.branch ?? null, scope.account ?? null]);
    const total = counted!.total;
    options.onProgress?.({ done: 0, total });
    let after: AccountKey | undefined;
    for (;;) {
      const { rows: page } = await db.query<AccountKey>(accountsPageSql, [
        scope.branch ?? null, scope.account ?? null, after?.branch ?? null, after?.account ?? null, pageSize]);
      if (page.length === 0) break;
      for (const difference of await reconcileAccounts(db, page, scope)) {
        differences += 1;
        options.onDifference?.(difference);
      }
      accountsChecked += page.length;
      after = page.at(-1);
      options.onProgress?.({ done: accountsChecked, total: Math.max(total, accountsChecked) });
      if (page.length < pageSize) break;
    }
  } catch (error) {
    await finishRun(db, runId, accountsChecked, differences, 'failed').catch(() => undefined);
    throw error;
  }
  const status = differences === 0 ? 'clean' : 'differences';
  const finishedAt = await finishRun(db, runId, accountsChecked, differences, status);
  return { runId, scope, startedAt: started!.startedAt, finishedAt, accountsChecked, differences, status };
}

async function finishRun(db: Queryable, runId: string, accountsChecked: number, differences: number, status: ReconciliationStatus): Promise<Date> {
  const { rows: [finished] } = await db.query<{ finishedAt: Date }>(
    `update flow.reconciliation_run set finished_at = now(), accounts_checked = $2, differences = $3, status = $4
     where id = $1 returning finished_at as "finishedAt"`,
    [runId, accountsChecked, differences, status]);
  return finished!.finishedAt;
}

function cleanScope(scope: ReconciliationScope): ReconciliationScope {
  return Object.fromEntries(Object.entries(scope).filter(([, value]) => value !== undefined && value !== '')) as ReconciliationScope;
}

/** The latest finished run, for monitors and the CLI's report; null before the first run. */
export async function latestReconciliationRun(db: Queryable): Promise<Omit<ReconciliationRun, 'startedAt'> & { startedAt: Date } | null> {
  const { rows } = await db.query<ReconciliationRun>(
    `select id::text as "runId", scope, started_at as "startedAt", finished_at as "finishedAt",
            accounts_checked as "accountsChecked", differences, status
     from flow.reconciliation_run where finished_at is not null order by finished_at desc, id desc limit 1`);
  return rows[0] ?? null;
}
