// One pass of the outbox sweep: claim the oldest unsent rows (row-locked, skipping rows another
// worker holds), publish each through `publish`, and mark the published ones sent, all in one
// transaction so a crash mid-pass leaves the rest unsent for the next pass (at-least-once: a
// row published but not yet marked is published again; consumers dedupe by posting id).
// A publish failure ends the pass early; the rows before it stay marked.
import type { Database } from '../database/port.ts';
import { claimUnsentOutbox, type ClaimUnsentOptions, type OutboxRow } from './claim-unsent-outbox.ts';
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
  options: ClaimUnsentOptions,
): Promise<SweepResult> {
  return database.transaction(async (tx) => {
    const rows = await claimUnsentOutbox(tx, options);
    const published: string[] = [];
    let outcomesPublished = 0;
    let failure: unknown = undefined;
    for (const row of rows) {
      try {
        await publish(row);
      } catch (error) {
        failure = error;
        break;
      }
      published.push(row.id);
      outcomesPublished += row.outcomes.length;
    }
    await markOutboxSent(tx, published);
    return { rowsPublished: published.length, outcomesPublished, failure };
  });
}
