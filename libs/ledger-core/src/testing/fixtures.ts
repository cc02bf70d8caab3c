// Builders for tests: postings with sensible defaults and a catalog to post against.
import { randomUUID } from 'node:crypto';
import type { Posting } from '@flow/contracts';
import type { Queryable } from '../database/port.ts';
import { createAccount } from '../catalog/accounts.ts';
import { createEvent } from '../catalog/events.ts';

/** Event codes every fixture catalog has: 494 allows both sides, 100 credits only, 200 debits only, 300 is inactive. */
export const fixtureEvents = { both: 494, creditOnly: 100, debitOnly: 200, inactive: 300 } as const;

export async function seedCatalog(db: Queryable, accounts: readonly { branch: string; account: string }[] = []): Promise<void> {
  await createEvent(db, { code: 494, description: 'Transferência', active: true, allowDebit: true, allowCredit: true });
  await createEvent(db, { code: 100, description: 'Depósito', active: true, allowDebit: false, allowCredit: true });
  await createEvent(db, { code: 200, description: 'Tarifa', active: true, allowDebit: true, allowCredit: false });
  await createEvent(db, { code: 300, description: 'Descontinuado', active: false, allowDebit: true, allowCredit: true });
  for (const { branch, account } of accounts) {
    await createAccount(db, { branch, account, status: 'active', holderName: null });
  }
}

export function makePosting(fields: Partial<Posting> & Pick<Posting, 'dateRef'>): Posting {
  return {
    id: randomUUID(),
    traceKey: randomUUID(),
    branch: '0001',
    account: '100001',
    amount: '1.00',
    debitCredit: 'C',
    eventCode: fixtureEvents.both,
    description: null,
    details: null,
    ...fields,
  };
}
