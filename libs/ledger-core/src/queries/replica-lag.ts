// How far a read replica is behind its primary, in seconds: what the query API's readiness bounds
// and what a metric can report. 0 on a primary (and on PGlite), and 0 on a replica that has
// replayed all the log it received. Otherwise the age of the last transaction it replayed: exact
// while the primary commits steadily; after a pause longer than the lag, the first commit reads
// as old as the pause until it is replayed (PostgreSQL keeps no timestamp of the log received).
// A replica that has log to replay but has replayed no transaction since it started (stuck from
// the start) counts from its start, so it shows a growing lag rather than none.
import type { Queryable } from '../database/port.ts';

const replicaLagSql = `
  select case
    when not pg_is_in_recovery() then 0
    when pg_last_wal_receive_lsn() is not distinct from pg_last_wal_replay_lsn() then 0
    else extract(epoch from clock_timestamp() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()))
  end::float8 as "lagSeconds"`;

export async function readReplicaLagSeconds(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ lagSeconds: number }>(replicaLagSql);
  return Math.max(0, Number(rows[0]?.lagSeconds ?? 0));
}
