// What the query API reads about its databases for its gauges: the latest reconciliation run the
// reconcile command recorded (the replica lag is replica-lag.ts, shared with readiness).

import type { Queryable } from '../database/port.ts';

export interface ReconciliationRunReading {
  /** Unix seconds the run finished. */
  readonly finishedAt: number;
  readonly differences: number;
}

const latestReconciliationSql = `
  select extract(epoch from finished_at)::float8 as finished, differences
    from flow.reconciliation_run
   where finished_at is not null
   order by finished_at desc
   limit 1`;

/** 42P01 undefined_table: the reconciliation's table is not migrated on this database (yet). */
const undefinedTable = '42P01';

/** The latest finished run, or null when none was recorded or the table does not exist. */
export async function readLatestReconciliationRun(db: Queryable): Promise<ReconciliationRunReading | null> {
  try {
    const { rows } = await db.query<{ finished: number; differences: number }>(latestReconciliationSql);
    const row = rows[0];
    return row === undefined ? null : { finishedAt: Number(row.finished), differences: Number(row.differences) };
  } catch (error) {
    if ((error as { code?: unknown }).code === undefinedTable) return null;
    throw error;
  }
}
