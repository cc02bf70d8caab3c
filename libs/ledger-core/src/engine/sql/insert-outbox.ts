// One outbox row per batch, written in the batch's transaction: the callbacks exist if and only
// if the batch committed (invariant I5). The relay publishes and marks it after commit. The row
// holds the batch's outcomes and, when it changed stored days, its balance changes.
import type { Queryable } from '../../database/port.ts';
import type { PostingOutcome } from '../outcome.ts';
import type { BalanceChange } from '@flow/contracts';

const insertOutboxSql = `
  insert into flow.outbox (outcomes, outcome_count, balance_changes) values ($1::json, $2, $3::json) returning id`;

export async function insertOutbox(
  tx: Queryable, outcomes: readonly PostingOutcome[], balanceChanges: readonly BalanceChange[] = [],
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(insertOutboxSql, [
    JSON.stringify(outcomes), outcomes.length, balanceChanges.length === 0 ? null : JSON.stringify(balanceChanges),
  ]);
  return rows[0]!.id;
}
