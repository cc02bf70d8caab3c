// Builders for tests: postings with sensible defaults and a catalog to post against.
import { randomUUID } from 'node:crypto';
import type { Posting } from '@flow/contracts';
import type { Queryable } from '../database/port.ts';
import { createAccount } from '../catalog/accounts.ts';
import { createBranch } from '../catalog/branches.ts';
import { createEvent } from '../catalog/events.ts';
import { addDays } from '../rules/business-date.ts';

/** Event codes every fixture catalog has: 494 allows both sides, 100 credits only, 200 debits only, 300 is inactive. */
export const fixtureEvents = { both: 494, creditOnly: 100, debitOnly: 200, inactive: 300 } as const;

/** Branches every fixture catalog registers, active, besides those of its accounts. */
export const fixtureBranches = ['0001', '0002'] as const;

/** Registers the branches (active) that are not registered yet. */
export async function registerBranches(db: Queryable, codes: readonly string[]): Promise<void> {
  for (const code of new Set(codes)) await createBranch(db, { code, name: `Agência ${code}`, status: 'active' });
}

export async function seedCatalog(db: Queryable, accounts: readonly { branch: string; account: string }[] = []): Promise<void> {
  await registerBranches(db, [...fixtureBranches, ...accounts.map((item) => item.branch)]);
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

export interface StatementExample {
  /** Day n of the five, 1 to 5; day 5 is `today`. */
  readonly day: (n: number) => string;
  /** The five postings' fields, in date order. */
  readonly entries: readonly { readonly dateRef: string; readonly debitCredit: 'D' | 'C'; readonly amount: string }[];
  /** Indexes into `entries` in the order they are applied: backdated ones last, so the cascade is tested. */
  readonly applyOrder: readonly number[];
  /** `[dateRef, debit, credit, balanceBefore, balanceAfter]` of each statement line, in order. */
  readonly lines: readonly (readonly [string, string | null, string | null, string, string])[];
  /** End-of-day balances of the five days. */
  readonly balances: readonly string[];
}

/**
 * The statement example of issue #2, checked at every layer (engine, query API, end to end):
 * five postings on the five days ending `today`, applied out of order, give the running
 * balances 8.00, 9.00, 8.00, −2.00, 12.00.
 */
export function statementExample(today: string): StatementExample {
  const day = (n: number) => addDays(today, n - 5);
  return {
    day,
    entries: [
      { dateRef: day(1), debitCredit: 'C', amount: '8.00' },
      { dateRef: day(2), debitCredit: 'C', amount: '1.00' },
      { dateRef: day(3), debitCredit: 'D', amount: '1.00' },
      { dateRef: day(4), debitCredit: 'D', amount: '10.00' },
      { dateRef: day(5), debitCredit: 'C', amount: '14.00' },
    ],
    applyOrder: [4, 1, 3, 0, 2],
    lines: [
      [day(1), null, '8.00', '0.00', '8.00'],
      [day(2), null, '1.00', '8.00', '9.00'],
      [day(3), '1.00', null, '9.00', '8.00'],
      [day(4), '10.00', null, '8.00', '-2.00'],
      [day(5), null, '14.00', '-2.00', '12.00'],
    ],
    balances: ['8.00', '9.00', '8.00', '-2.00', '12.00'],
  };
}
