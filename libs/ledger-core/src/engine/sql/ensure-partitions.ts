// Makes sure the monthly partitions of flow.transaction exist before a batch needs them. Runs
// in its own short transaction, never inside a batch: partition DDL locks the parent table.
// Months already known to exist are remembered per process, so this costs nothing per batch.
import type { Queryable } from '../../database/port.ts';

export class PartitionRegistry {
  readonly #known = new Set<string>();

  async ensure(database: Queryable, monthStarts: readonly string[]): Promise<void> {
    const missing = [...new Set(monthStarts)].filter((month) => !this.#known.has(month));
    if (missing.length === 0) return;
    await database.query('select flow.ensure_transaction_partitions($1::date[])', [missing]);
    for (const month of missing) this.#known.add(month);
  }
}
