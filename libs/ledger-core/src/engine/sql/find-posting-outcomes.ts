// The stored outcomes of posting ids seen before: the idempotency record.
import type { RejectionCode } from '@flow/contracts';
import type { Queryable } from '../../database/port.ts';
import type { OutcomeStatus } from '../outcome.ts';

export interface StoredOutcome {
  readonly id: string;
  readonly status: OutcomeStatus;
  readonly reason: RejectionCode | null;
  readonly branch: string;
  readonly account: string;
  readonly dateRef: string;
  readonly traceKey: string;
  readonly fieldsHash: string;
}

const findPostingOutcomesSql = `
  select id, status, reason, branch, account, date_ref as "dateRef", trace_key as "traceKey",
         encode(fields_hash, 'hex') as "fieldsHash"
  from flow.posting
  where id = any($1::uuid[])`;

export async function findPostingOutcomes(tx: Queryable, ids: string[]): Promise<Map<string, StoredOutcome>> {
  const { rows } = await tx.query<StoredOutcome>(findPostingOutcomesSql, [ids]);
  return new Map(rows.map((row) => [row.id, row]));
}
