// The streaming read of the database port, shared by both adapters: a server-side cursor
// declared in the caller's transaction and fetched a batch at a time. DECLARE takes the query's
// parameters like any statement of the extended protocol, so the SQL is the same as for `query`;
// PostgreSQL keeps the position, the client holds one batch at most.
import type { Queryable } from './port.ts';

/** Rows per FETCH when the caller names none: a few hundred KiB of statement lines. */
export const streamBatchRowsDefault = 500;
const streamBatchRowsMax = 10_000;

let cursorsDeclared = 0;

export async function* streamRows<Row>(
  tx: Queryable, text: string, params: readonly unknown[] = [], batchRows = streamBatchRowsDefault,
): AsyncGenerator<Row[]> {
  if (!Number.isSafeInteger(batchRows) || batchRows < 1 || batchRows > streamBatchRowsMax) {
    throw new RangeError(`batchRows must be an integer from 1 to ${streamBatchRowsMax}, got ${batchRows}`);
  }
  // Unique in the process, hence in every transaction: two streams of one transaction never clash.
  const name = `flow_stream_${++cursorsDeclared}`;
  await tx.query(`declare ${name} no scroll cursor for ${text}`, params);
  try {
    for (;;) {
      const { rows } = await tx.query<Row>(`fetch forward ${batchRows} from ${name}`);
      if (rows.length > 0) yield rows;
      if (rows.length < batchRows) return;
    }
  } finally {
    // A failed transaction refuses the close as well; its rollback drops the cursor anyway.
    await tx.query(`close ${name}`).catch(() => undefined);
  }
}
