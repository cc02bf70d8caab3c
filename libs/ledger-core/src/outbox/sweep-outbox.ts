// One pass of the outbox sweep: read the oldest unsent rows (no locks, no transaction), publish
// each through `publish`, and mark each one sent right after its publish with
// `update … where id = $1 and sent_at is null`. Nothing is held open across a publish, so a slow
// callback topic costs no database connection or lock. The trade-off is duplicates: two workers
// sweeping at once may both publish a row, and a crash between a publish and its mark publishes
// that one row again. Both are within at-least-once delivery (consumers dedupe by posting id),
// and the age floor keeps the sweep off rows their own worker is still publishing. A publish
// failure ends the pass early; the rows before it stay marked.
import type { Database } from '../database/port.ts';
import { findUnsentOutbox, type FindUnsentOptions, type OutboxRow } from './find-unsent-outbox.ts';
import { markOutboxSent } from './mark-outbox-sent.ts';

export interface SweepResult {
  readonly rowsPublished: number;
  readonly outcomesPublished: number;
  /** The publish error that ended the pass early, if any. */
  readonly failure: unknown;
}

export async function sweepOutbox(
  database: Database,
  publish: (row: OutboxRow) => Promise<void>,
  options: FindUnsentOptions,
): Promise<SweepResult> {
  const rows = await findUnsentOutbox(database, options);
  let rowsPublished = 0;
  let outcomesPublished = 0;
  for (const row of rows) {
    try {
      await publish(row);
    } catch (error) {
      return { rowsPublished, outcomesPublished, failure: error };
    }
    await markOutboxSent(database, [row.id]);
    rowsPublished++;
    outcomesPublished += row.outcomes.length;
  }
  return { rowsPublished, outcomesPublished, failure: undefined };
}
