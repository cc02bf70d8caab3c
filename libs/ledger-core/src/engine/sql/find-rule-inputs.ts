// What the rules need from the catalog for one batch: its event codes and its accounts.
import type { Queryable } from '../../database/port.ts';
import { accountKey, type AccountStatus, type EventRule } from '../outcome.ts';

const findEventsSql = `
  select code, active, allow_debit as "allowDebit", allow_credit as "allowCredit"
  from flow.event
  where code = any($1::integer[])`;

export async function findEvents(tx: Queryable, codes: number[]): Promise<Map<number, EventRule>> {
  const { rows } = await tx.query<EventRule & { code: number }>(findEventsSql, [codes]);
  return new Map(rows.map(({ code, ...rule }) => [code, rule]));
}

const findAccountsSql = `
  select a.branch, a.account, a.status
  from unnest($1::text[], $2::text[]) as batch(branch, account)
  join flow.account a on a.branch = batch.branch and a.account = batch.account`;

export async function findAccounts(
  tx: Queryable, branches: string[], accounts: string[],
): Promise<Map<string, AccountStatus>> {
  const { rows } = await tx.query<{ branch: string; account: string; status: AccountStatus }>(
    findAccountsSql, [branches, accounts]);
  return new Map(rows.map((row) => [accountKey(row.branch, row.account), row.status]));
}

const openAccountsSql = `
  insert into flow.account (branch, account)
  select branch, account from unnest($1::text[], $2::text[]) as batch(branch, account)
  on conflict (branch, account) do nothing`;

/** Registers accounts opened automatically by their first posting. */
export async function openAccounts(tx: Queryable, branches: string[], accounts: string[]): Promise<void> {
  await tx.query(openAccountsSql, [branches, accounts]);
}
