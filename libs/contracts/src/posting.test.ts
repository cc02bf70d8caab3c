import { detailsBytesMax } from './limits.ts';
import { validatePosting, validatePostingDraft } from './posting.ts';

const valid = {
  id: '0190b3a4-7c2e-7d41-9a10-3c2f5e6a7b8c',
  traceKey: '6F1C2A7E-3B4D-4C5E-8F90-A1B2C3D4E5F6',
  branch: '0001',
  account: '12345X',
  amount: '8',
  debitCredit: 'C',
  eventCode: 494,
  description: 'Depósito',
  details: { channel: 'pix' },
  dateRef: '2026-11-20',
};

function errorsOf(changes: Record<string, unknown>): string[] {
  const result = validatePostingDraft({ ...valid, ...changes });
  return result.ok ? [] : result.errors.map((error) => `${error.field}:${error.code}`);
}

describe('posting contract', () => {
  test('a valid posting is normalized: amount to two decimals, ids to lower case', () => {
    const result = validatePosting(valid);
    expect(result).toEqual({
      ok: true,
      posting: { ...valid, amount: '8.00', traceKey: valid.traceKey.toLowerCase() },
    });
  });

  test.each([
    [{ amount: '8.5' }, '8.50'],
    [{ amount: '0.01' }, '0.01'],
    [{ amount: '007.10' }, '7.10'],
    [{ amount: '9999999999999.99' }, '9999999999999.99'],
  ])('amount %j normalizes to %s', (change, expected) => {
    const result = validatePostingDraft({ ...valid, ...change });
    expect(result.ok && result.posting.amount).toBe(expected);
  });

  test.each([
    [{ amount: 8 }, 'amount:amount_invalid_format'],
    [{ amount: '8.' }, 'amount:amount_invalid_format'],
    [{ amount: '1e3' }, 'amount:amount_invalid_format'],
    [{ amount: ' 8.00' }, 'amount:amount_invalid_format'],
    [{ amount: '8.001' }, 'amount:amount_too_many_decimals'],
    [{ amount: '0' }, 'amount:amount_not_positive'],
    [{ amount: '0.00' }, 'amount:amount_not_positive'],
    [{ amount: '-1.00' }, 'amount:amount_not_positive'],
    [{ amount: '10000000000000.00' }, 'amount:amount_above_maximum'],
    [{ amount: undefined }, 'amount:field_required'],
    [{ branch: '' }, 'branch:branch_invalid'],
    [{ branch: '00-01' }, 'branch:branch_invalid'],
    [{ branch: '12345678901' }, 'branch:branch_invalid'],
    [{ account: 'VIRT' }, ''],
    [{ account: 'x'.repeat(21) }, 'account:account_invalid'],
    [{ account: 12345 }, 'account:account_invalid'],
    [{ debitCredit: 'd' }, 'debitCredit:debit_credit_invalid'],
    [{ eventCode: 0 }, 'eventCode:event_code_invalid'],
    [{ eventCode: 1_000_000 }, 'eventCode:event_code_invalid'],
    [{ eventCode: '494' }, 'eventCode:event_code_invalid'],
    [{ eventCode: 4.5 }, 'eventCode:event_code_invalid'],
    [{ description: 'x'.repeat(201) }, 'description:description_invalid'],
    [{ description: 'x'.repeat(200) }, ''],
    [{ details: [] }, 'details:details_invalid'],
    [{ details: 'text' }, 'details:details_invalid'],
    [{ details: { blob: 'x'.repeat(detailsBytesMax) } }, 'details:details_invalid'],
    [{ details: { blob: 'é'.repeat(detailsBytesMax / 2) } }, 'details:details_invalid'],
    [{ dateRef: '2026-02-29' }, 'dateRef:date_ref_invalid'],
    [{ dateRef: '2028-02-29' }, ''],
    [{ dateRef: '2026-13-01' }, 'dateRef:date_ref_invalid'],
    [{ dateRef: '20261120' }, 'dateRef:date_ref_invalid'],
    [{ id: 'not-a-uuid' }, 'id:id_invalid'],
    [{ traceKey: 42 }, 'traceKey:trace_key_invalid'],
    [{ debit_credit: 'D' }, 'debit_credit:field_unknown'],
  ])('%j → %s', (change, expected) => {
    expect(errorsOf(change).join(',')).toBe(expected);
  });

  test('every error of a posting is reported, not only the first', () => {
    expect(errorsOf({ branch: undefined, amount: '-1', dateRef: 'today' })).toEqual([
      'branch:field_required',
      'amount:amount_not_positive',
      'dateRef:date_ref_invalid',
    ]);
  });

  test.each([null, [], 'posting', 7])('a posting that is not an object (%j) is refused', (input) => {
    expect(validatePostingDraft(input)).toEqual({ ok: false, errors: [{ field: '', code: 'posting_not_object' }] });
  });

  test('drafts may omit id and traceKey; the engine contract requires both', () => {
    const { id: _id, traceKey: _traceKey, ...draft } = valid;
    expect(validatePostingDraft(draft)).toMatchObject({ ok: true, posting: { id: null, traceKey: null } });
    expect(validatePosting(draft)).toEqual({
      ok: false,
      errors: [
        { field: 'id', code: 'field_required' },
        { field: 'traceKey', code: 'field_required' },
      ],
    });
  });
});
