// One outbox row per batch, written in the batch's transaction: the callbacks exist if and only
// if the batch committed (invariant I5). The relay publishes and marks it after commit.
import type { Queryable } from '../../database/port.ts';
import type { PostingOutcome } from '../outcome.ts';

const insertOutboxSql = `
  insert into flow.outbox (outcomes, outcome_count) values ($1::json, $2) returning id`;

export async function insertOutbox(tx: Queryable, outcomes: readonly PostingOutcome[]): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(insertOutboxSql, [JSON.stringify(outcomes), outcomes.length]);
  return rows[0]!.id;
}
