// A calendar month as the archive names it: "2026-01", its first and last days, and its
// partition of flow.transaction (transaction_2026_01, as flow.ensure_transaction_partitions names it).
import { addDays } from '@flow/ledger-core';
import { UsageError } from '../usage-error.ts';

export interface Month {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly table: string;
}

export function parseMonth(text: string | undefined): Month {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text ?? '');
  if (match === null) throw new UsageError(`--month: "${text}" is not a month YYYY-MM`);
  const [, year, month] = match;
  const next = month === '12' ? `${Number(year) + 1}-01-01` : `${year}-${String(Number(month) + 1).padStart(2, '0')}-01`;
  return { label: `${year}-${month}`, start: `${year}-${month}-01`, end: addDays(next, -1), table: `transaction_${year}_${month}` };
}
