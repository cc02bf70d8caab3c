// The server's side of one engine batch: every statement the engine sends inside its transaction
// is first run under EXPLAIN (ANALYZE, BUFFERS) in a savepoint that is rolled back, then run for
// real, so each plan is measured on exactly the state the real statement meets. Used on one
// extra batch after the timed phase, never on timed batches (EXPLAIN ANALYZE adds its own cost).
import type { Database, Transaction } from '@flow/ledger-core';
import { statementName } from './statement-timing.ts';

export interface ExplainedStatement {
  readonly name: string;
  readonly planningMs: number | null;
  readonly executionMs: number | null;
  /** Rows the real statement inserted into and updated in flow.balance (upsert-balances only). */
  readonly balanceRowsInserted: number | null;
  readonly balanceRowsUpdated: number | null;
  /** The plan as PostgreSQL prints it. */
  readonly plan: string;
}

/** Longest literal kept in a saved plan: the batch's arrays are folded into plans as literals. */
const planLiteralLengthMax = 120;

function shortenLiterals(plan: string): string {
  return plan.replace(/'([^']*)'/g, (literal, body: string) =>
    (body.length <= planLiteralLengthMax ? literal : `'${body.slice(0, planLiteralLengthMax)}… (${body.length} chars)'`));
}

function figureAfter(label: string, plan: string): number | null {
  const match = new RegExp(`${label}: ([0-9.]+)`).exec(plan);
  return match === null ? null : Number(match[1]);
}

/** `database` whose transactions explain each statement into `explained` before running it. */
export function explainingDatabase(database: Database, explained: ExplainedStatement[]): Database {
  return {
    kind: database.kind,
    query: (text, params) => database.query(text, params),
    runScript: (text) => database.runScript(text),
    close: () => database.close(),
    transaction: (work) => database.transaction((tx: Transaction) => work({
      runScript: (text) => tx.runScript(text),
      stream: (text, params, batchRows) => tx.stream(text, params, batchRows),
      async query<Row>(text: string, params?: readonly unknown[]) {
        await tx.query('savepoint bench_explain');
        const { rows } = await tx.query<Record<string, string>>(`explain (analyze, buffers) ${text}`, params);
        await tx.query('rollback to savepoint bench_explain');
        const plan = shortenLiterals(rows.map((row) => Object.values(row)[0]).join('\n'));
        const name = statementName(text);
        const before = name === 'upsert-balances' ? await balanceWrites(tx) : null;
        const result = await tx.query<Row>(text, params);
        const after = before === null ? null : await balanceWrites(tx);
        explained.push({
          name,
          planningMs: figureAfter('Planning Time', plan),
          executionMs: figureAfter('Execution Time', plan),
          balanceRowsInserted: after === null ? null : after.inserted - before!.inserted,
          balanceRowsUpdated: after === null ? null : after.updated - before!.updated,
          plan,
        });
        return result;
      },
    })),
  };
}

/** Rows of flow.balance inserted and updated so far by this transaction (statistics view). */
async function balanceWrites(tx: Transaction): Promise<{ inserted: number; updated: number }> {
  const { rows } = await tx.query<{ inserted: string; updated: string }>(
    `select n_tup_ins as inserted, n_tup_upd as updated from pg_stat_xact_user_tables
     where schemaname = 'flow' and relname = 'balance'`);
  return { inserted: Number(rows[0]?.inserted ?? 0), updated: Number(rows[0]?.updated ?? 0) };
}
