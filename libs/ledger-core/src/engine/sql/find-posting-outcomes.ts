// The stored outcomes of posting ids seen before: the idempotency record.
import type { Queryable } from '../../database/port.ts';
import type { PostingRecord } from './insert-postings.ts';

/** An outcome as recorded: the fields of its posting record but the posting itself. */
export type StoredOutcome = Omit<PostingRecord, 'rejectedPosting'>;

const findPostingOutcomesSql = `
  select id, status, reason, branch, account, date_ref as "dateRef", trace_key as "traceKey", producer,
         encode(fields_hash, 'hex') as "fieldsHash"
  from flow.posting
  where id = any($1::uuid[])`;

export async function findPostingOutcomes(tx: Queryable, ids: string[]): Promise<Map<string, StoredOutcome>> {
  const { rows } = await tx.query<StoredOutcome>(findPostingOutcomesSql, [ids]);
  return new Map(rows.map((row) => [row.id, row]));
}
