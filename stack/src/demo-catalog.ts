// A first start of the embedded stack registers one event code, one branch and one account, so the curl in
// the startup banner posts an entry that is accepted and shows up in the statement. It runs only
// on an empty catalog (never overwrites what an operator created) and can be switched off with
// FLOW_SEED_DEMO=false.
import { createAccount, createBranch, createEvent, type Database } from '@flow/ledger-core';

export const demoEventCode = 494;
export const demoBranch = '0001';
export const demoAccount = '123456';

export async function seedDemoCatalog(database: Database): Promise<boolean> {
  const { rows } = await database.query<{ events: string }>('select count(*)::text as events from flow.event');
  if (rows[0]?.events !== '0') return false;
  await createEvent(database, { code: demoEventCode, description: 'Transferência', active: true, allowDebit: true, allowCredit: true });
  await createBranch(database, { code: demoBranch, name: 'Agência de demonstração', status: 'active' });
  await createAccount(database, { branch: demoBranch, account: demoAccount, status: 'active', holderName: 'Conta de demonstração' });
  return true;
}
