// How many outbox rows wait for the relay: the tests' proof that the relay caught up (invariant
// I5: no committed batch without its callbacks). No health check or metric reads it yet.
import type { Queryable } from '../database/port.ts';

const countUnsentOutboxSql = `select count(*)::integer as unsent from flow.outbox where sent_at is null`;

export async function countUnsentOutbox(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ unsent: number }>(countUnsentOutboxSql);
  return rows[0]!.unsent;
}
