import { addDays, businessDate, daysBetween, monthStart } from './business-date.ts';
import { defaultLedgerRules, ledgerRules } from './ledger-rules.ts';

describe('business dates', () => {
  test.each([
    ['2026-11-25T02:59:59Z', 'America/Sao_Paulo', '2026-11-24'],
    ['2026-11-25T03:00:00Z', 'America/Sao_Paulo', '2026-11-25'],
    ['2026-11-25T02:59:59Z', 'UTC', '2026-11-25'],
    ['2026-03-29T23:30:00Z', 'Europe/Lisbon', '2026-03-30'],
  ])('%s in %s is business day %s', (instant, zone, expected) => {
    expect(businessDate(new Date(instant), zone)).toBe(expected);
  });

  test('day arithmetic crosses months, leap days and DST changes', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-10-18', 1)).toBe('2026-10-19');
    expect(daysBetween('2026-11-17', '2026-11-24')).toBe(7);
    expect(monthStart('2026-11-24')).toBe('2026-11-01');
  });
});

describe('ledger rules', () => {
  test('defaults: 7-day retro window in São Paulo, no auto-open, the contract maximum', () => {
    expect(ledgerRules()).toEqual(defaultLedgerRules);
    expect(Object.isFrozen(ledgerRules({ retroWindowDays: 3 }))).toBe(true);
  });

  test.each([
    [{ retroWindowDays: -1 }, 'retroWindowDays must be an integer from 0 to 31'],
    [{ retroWindowDays: 32 }, 'retroWindowDays must be an integer from 0 to 31'],
    [{ retroWindowDays: Number.NaN }, 'retroWindowDays must be an integer from 0 to 31'],
    [{ businessTimeZone: 'America/Atlantis' }, 'businessTimeZone must be an IANA time zone'],
    [{ postingAmountLimit: '100' }, 'postingAmountLimit must be a two-decimal amount'],
    [{ postingAmountLimit: '0.00' }, 'postingAmountLimit must be above 0.00'],
    [{ postingAmountLimit: '10000000000000.00' }, 'postingAmountLimit must be above 0.00 and at most'],
  ])('refuses %j', (overrides, message) => {
    expect(() => ledgerRules(overrides)).toThrow(message);
  });
});
