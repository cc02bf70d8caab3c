// The business rules a deployment configures. Parsed once, frozen, checked at start-up.
import { limits, parseCents } from '@flow/contracts';
import { retroWindowDaysMax } from '../limits.ts';
import { isTimeZone } from './business-date.ts';

export interface LedgerRules {
  /** Days before today a `dateRef` may be; today − window … today is accepted. */
  readonly retroWindowDays: number;
  /** IANA time zone whose calendar defines "today". */
  readonly businessTimeZone: string;
  /** Open an unknown account on its first posting instead of rejecting `account_not_found`. */
  readonly autoOpenAccounts: boolean;
  /** Largest amount of one posting in this deployment (decimal string); at most the contract's. */
  readonly postingAmountLimit: string;
}

export const defaultLedgerRules: LedgerRules = Object.freeze({
  retroWindowDays: 7,
  businessTimeZone: 'America/Sao_Paulo',
  autoOpenAccounts: false,
  postingAmountLimit: limits.amountMax,
});

/** Merges overrides onto the defaults and refuses impossible values with a clear message. */
export function ledgerRules(overrides: Partial<LedgerRules> = {}): LedgerRules {
  const rules = { ...defaultLedgerRules, ...overrides };
  if (!Number.isInteger(rules.retroWindowDays) || rules.retroWindowDays < 0 || rules.retroWindowDays > retroWindowDaysMax) {
    throw new Error(`retroWindowDays must be an integer from 0 to ${retroWindowDaysMax}, got ${rules.retroWindowDays}`);
  }
  if (!isTimeZone(rules.businessTimeZone)) {
    throw new Error(`businessTimeZone must be an IANA time zone, got ${JSON.stringify(rules.businessTimeZone)}`);
  }
  let limitCents: bigint;
  try {
    limitCents = parseCents(rules.postingAmountLimit);
  } catch {
    throw new Error(`postingAmountLimit must be a two-decimal amount such as "50000.00", got ${JSON.stringify(rules.postingAmountLimit)}`);
  }
  if (limitCents <= 0n || limitCents > parseCents(limits.amountMax)) {
    throw new Error(`postingAmountLimit must be above 0.00 and at most ${limits.amountMax}`);
  }
  return Object.freeze(rules);
}
