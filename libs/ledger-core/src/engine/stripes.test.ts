// How a batch is split into account-hash stripes (stripes.ts); what a striped batch stores and
// answers is checked by the model and concurrency suites.
import type { Posting } from '@flow/contracts';
import { stripeOfAccount, stripesOf } from './stripes.ts';

let ids = 0;
function posting(account: string, fields: Partial<Posting> = {}): Posting {
  ids += 1;
  return {
    id: `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`, traceKey: '00000000-0000-4000-8000-000000000000',
    branch: 'B1', account, amount: '1.00', debitCredit: 'C', eventCode: 1, description: null, details: null, dateRef: '2026-12-01',
    ...fields,
  };
}

const accounts = Array.from({ length: 40 }, (_, index) => `A${index}`);

describe('stripesOf', () => {
  test('one stripe is the whole batch in input order', () => {
    const batch = accounts.map((account) => posting(account));
    expect(stripesOf(batch, 1, 7)).toEqual([batch.map((_, index) => index)]);
  });

  test('each posting goes to the stripe of its account; every index once, ascending within a stripe', () => {
    const batch = accounts.map((account) => posting(account));
    const stripes = stripesOf(batch, 4, 0);
    expect(stripes.flat().sort((a, b) => a - b)).toEqual(batch.map((_, index) => index));
    expect(stripes.length).toBe(4);
    for (const stripe of stripes) {
      expect([...stripe].sort((a, b) => a - b)).toEqual(stripe);
      expect(new Set(stripe.map((index) => stripeOfAccount('B1', batch[index]!.account, 4))).size).toBe(1);
    }
  });

  test('the start rotates the order of the stripes, not their content', () => {
    const batch = accounts.map((account) => posting(account));
    const from0 = stripesOf(batch, 4, 0);
    expect(stripesOf(batch, 4, 1)).toEqual([...from0.slice(1), from0[0]]);
    expect(stripesOf(batch, 4, 6)).toEqual([...from0.slice(2), ...from0.slice(0, 2)]);
  });

  test('every posting of one id goes with the first, whatever its account', () => {
    const first = posting('A1');
    const elsewhere = accounts.find((account) => stripeOfAccount('B1', account, 4) !== stripeOfAccount('B1', 'A1', 4))!;
    const batch = [posting('A2'), first, posting('A3'), { ...first, account: elsewhere }];
    const stripes = stripesOf(batch, 4, 0);
    expect(stripes.find((stripe) => stripe.includes(1))).toContain(3);
  });

  test('a batch whose reversal names an id of the same batch stays whole', () => {
    const original = posting('A1');
    const batch = [original, ...accounts.map((account) => posting(account)), posting('A1', { reverses: original.id, debitCredit: 'D' })];
    expect(stripesOf(batch, 4, 0)).toEqual([batch.map((_, index) => index)]);
    const ofEarlierBatch = [...accounts.map((account) => posting(account)), posting('A1', { reverses: posting('A1').id })];
    expect(stripesOf(ofEarlierBatch, 4, 0).length).toBe(4);
  });
});
