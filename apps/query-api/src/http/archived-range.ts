// 410 range_archived: a read whose date range reaches into a month archived to the lake (`flow
// archive`) names the months and their locations instead of answering short. `flow restore`
// brings a month back; a range after the archived months answers as before.
import { archivedMonthsIn, type Queryable } from '@flow/ledger-core';
import { ApiError } from '@flow/service-kit';

export async function refuseArchivedRange(db: Queryable, from: string | undefined, to: string | undefined): Promise<void> {
  const months = await archivedMonthsIn(db, from ?? null, to ?? null);
  if (months.length > 0) throw new ApiError('range_archived', { months });
}
