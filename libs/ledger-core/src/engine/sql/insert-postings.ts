// Records one outcome per new posting id. Rows go in ascending id order: two concurrent
// batches that reuse ids across different accounts then wait on each other's ids in the same
// order and cannot deadlock. An id a concurrent batch committed first is skipped and reported,
// so the caller turns that posting into a replay or a conflict.
import type { RejectionCode } from '@flow/contracts';
import type { Queryable } from '../../database/port.ts';

export interface PostingRecord {
  readonly id: string;
  readonly status: 'posted' | 'rejected';
  readonly reason: RejectionCode | null;
  readonly branch: string;
  readonly account: string;
  readonly dateRef: string;
  readonly traceKey: string;
  /** Who posted it (stamped by ingest); null when unknown. */
  readonly producer: string | null;
  readonly fieldsHash: string;
  /** JSON of the posting, kept for rejections only. */
  readonly rejectedPosting: string | null;
}

const insertPostingsSql = `
  insert into flow.posting (id, status, reason, branch, account, date_ref, trace_key, fields_hash, rejected_posting, producer)
  select id, status, reason, branch, account, date_ref, trace_key, decode(fields_hash, 'hex'), rejected_posting, producer
  from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::uuid[], $8::text[], $9::jsonb[], $10::text[])
    as batch(id, status, reason, branch, account, date_ref, trace_key, fields_hash, rejected_posting, producer)
  order by id
  on conflict (id) do nothing
  returning id`;

/** Inserts the records; returns the ids actually inserted. */
export async function insertPostings(tx: Queryable, records: readonly PostingRecord[]): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const { rows } = await tx.query<{ id: string }>(insertPostingsSql, [
    records.map((record) => record.id),
    records.map((record) => record.status),
    records.map((record) => record.reason),
    records.map((record) => record.branch),
    records.map((record) => record.account),
    records.map((record) => record.dateRef),
    records.map((record) => record.traceKey),
    records.map((record) => record.fieldsHash),
    records.map((record) => record.rejectedPosting),
    records.map((record) => record.producer),
  ]);
  return new Set(rows.map((row) => row.id));
}
