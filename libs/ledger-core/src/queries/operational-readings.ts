// What the query API reads about its databases for its gauges: how far the read database is
// behind the primary, and the latest reconciliation run the reconcile command recorded.

import type { Queryable } from '../database/port.ts';

/**
 * Seconds the read database is behind: 0 on a primary, and 0 on a replica that has replayed
 * everything it received (an idle primary sends nothing, and `now() - last replay` would grow
 * with no real lag); else the age of the last transaction replayed.
 */
const replicaLagSql = `
  select case
           when not pg_is_in_recovery() then 0
           when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
           else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0)
         end::float8 as lag`;

export async function readReplicaLagSeconds(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ lag: number }>(replicaLagSql);
  return Math.max(0, Number(rows[0]!.lag));
}

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
