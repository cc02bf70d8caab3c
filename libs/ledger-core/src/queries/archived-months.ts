// The months of flow.transaction archived to the lake (flow.archived_month), as reads see them:
// a statement, search or list of balances whose range reaches into one answers 410
// range_archived naming it, never a silently short answer.
import type { Queryable } from '../database/port.ts';

export interface ArchivedMonth {
  /** "YYYY-MM". */
  readonly month: string;
  /** Where its entries are, e.g. s3://flow-lake/ledger/2026-01/. */
  readonly location: string;
}

/** Archived months overlapping [from, to]; a null bound is open. */
export async function archivedMonthsIn(db: Queryable, from: string | null, to: string | null): Promise<ArchivedMonth[]> {
  const { rows } = await db.query<ArchivedMonth>(
    `select to_char(month, 'YYYY-MM') as month, location from flow.archived_month
     where ($1::date is null or month + interval '1 month' > $1::date) and ($2::date is null or month <= $2::date)
     order by month`, [from, to]);
  return rows;
}
