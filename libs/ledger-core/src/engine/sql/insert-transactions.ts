// Appends the posted entries to the ledger in batch order; `seq` (statement order within a
// day) is assigned by the sequence as rows go in.
import type { Posting } from '@flow/contracts';
import type { Queryable } from '../../database/port.ts';

/**
 * The insert into `table`: flow.transaction here; the benchmark's limit aims the very same
 * statement at a plain table of the same shape, so the two can never drift apart.
 */
export function insertTransactionsSqlInto(table: string): string {
  return `
  insert into ${table}
    (id, branch, account, amount, debit_credit, event_code, description, trace_key, details, date_ref, producer, reverses)
  select * from unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::integer[],
                       $7::text[], $8::uuid[], $9::jsonb[], $10::date[], $11::text[], $12::uuid[])`;
}

const insertTransactionsSql = insertTransactionsSqlInto('flow.transaction');

export async function insertTransactions(tx: Queryable, postings: readonly Posting[]): Promise<void> {
  if (postings.length === 0) return;
  await tx.query(insertTransactionsSql, transactionColumns(postings));
}

/**
 * The parameters of the insert: one array per column, in the order of the column list above.
 * Exported so the benchmark's limit inserts the very same encoding into its plain table.
 */
export function transactionColumns(postings: readonly Posting[]): unknown[] {
  return [
    postings.map((posting) => posting.id),
    postings.map((posting) => posting.branch),
    postings.map((posting) => posting.account),
    postings.map((posting) => posting.amount),
    postings.map((posting) => posting.debitCredit),
    postings.map((posting) => posting.eventCode),
    postings.map((posting) => posting.description),
    postings.map((posting) => posting.traceKey),
    postings.map((posting) => (posting.details === null ? null : JSON.stringify(posting.details))),
    postings.map((posting) => posting.dateRef),
    postings.map((posting) => posting.producer ?? null),
    postings.map((posting) => posting.reverses ?? null),
  ];
}
