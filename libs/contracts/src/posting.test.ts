import { parseExactJson } from './exact-json.ts';
import { detailsBytesMax, detailsDepthMax } from './limits.ts';
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
    [{ reverses: '0190b3a4-7c2e-7d41-9a10-3c2f5e6a7b8c' }, ''],
    [{ reverses: null }, ''],
    [{ reverses: 'original' }, 'reverses:reverses_invalid'],
    [{ reverses: 42 }, 'reverses:reverses_invalid'],
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

  test('a reversal keeps reverses in lower case; a plain posting has no reverses field at all', () => {
    const reverses = '6F1C2A7E-3B4D-4C5E-8F90-A1B2C3D4E5F6';
    expect(validatePosting({ ...valid, reverses })).toMatchObject({ ok: true, posting: { reverses: reverses.toLowerCase() } });
    const plain = validatePosting({ ...valid, reverses: null });
    expect(plain.ok && 'reverses' in plain.posting).toBe(false);
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

describe('posting contract: only what PostgreSQL stores exactly', () => {
  function errorsOfJson(json: string): string[] {
    const result = validatePostingDraft(parseExactJson(json));
    return result.ok ? [] : result.errors.map((error) => `${error.field}:${error.code}`);
  }
  const base = JSON.stringify(valid).slice(0, -1);

  test.each([
    [{ description: 'nul \u0000 here' }, 'description:text_character_invalid'],
    [{ description: 'lone \ud800' }, 'description:text_character_invalid'],
    [{ description: 'x\udc00y' }, 'description:text_character_invalid'],
    [{ details: { note: 'nul \u0000' } }, 'details/note:text_character_invalid'],
    [{ details: { 'key\u0000': 1 } }, 'details:text_character_invalid'],
    [{ details: { a: ['ok', '\ud800'] } }, 'details/a/1:text_character_invalid'],
    [{ details: { 'x\udc00y': true } }, 'details:text_character_invalid'],
    [{ details: { 'a/b': { 'c~d': '\u0000' } } }, 'details/a~1b/c~0d:text_character_invalid'],
  ])('%j is refused as %s', (change, expected) => {
    expect(errorsOf(change)).toEqual([expected]);
  });

  test.each([
    ['{"n":1e400}', 'details/n:details_number_inexact'],
    ['{"n":-1e400}', 'details/n:details_number_inexact'],
    ['{"n":9007199254740993}', 'details/n:details_number_inexact'],
    ['{"list":[1,2,12345678901234567890]}', 'details/list/2:details_number_inexact'],
    ['{"n":0.12345678901234567890}', 'details/n:details_number_inexact'],
  ])('details %s is refused as %s (detected on the source text)', (details, expected) => {
    expect(errorsOfJson(`${base},"details":${details}}`)).toEqual([expected]);
  });

  test('exact numbers in details are accepted unchanged', () => {
    const result = validatePostingDraft(parseExactJson(`${base},"details":{"a":9007199254740991,"b":0.1,"c":-2.5e3}}`));
    expect(result.ok && result.posting.details).toEqual({ a: 9007199254740991, b: 0.1, c: -2500 });
  });

  test('an inexact number outside details fails that field', () => {
    expect(errorsOfJson(`${base},"eventCode":1e400}`)).toEqual(['eventCode:event_code_invalid']);
  });

  test(`details nested up to ${detailsDepthMax} levels pass; one more is refused`, () => {
    const nest = (levels: number): unknown => {
      let value: unknown = 'leaf';
      for (let level = 1; level < levels; level += 1) value = { n: value };
      return { n: value };
    };
    expect(errorsOf({ details: nest(detailsDepthMax) })).toEqual([]);
    expect(errorsOf({ details: nest(detailsDepthMax + 1) })).toEqual([`details${'/n'.repeat(detailsDepthMax)}:details_too_deep`]);
  });

  test('details nested 100,000 levels deep are refused, not a stack overflow', () => {
    const depth = 100_000;
    const json = `${base},"details":${'{"n":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const errors = errorsOfJson(json);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/:details_too_deep$/);
  });

  test('valid Unicode stays accepted and unchanged: U+2028, emoji, accents, CJK', () => {
    const text = 'Pix\u2028recebido 💸 — ação 中文';
    const result = validatePostingDraft({ ...valid, description: text, details: { [text]: text } });
    expect(result.ok && result.posting.description).toBe(text);
    expect(result.ok && result.posting.details).toEqual({ [text]: text });
  });
});

describe('the trace id: stamped by ingest, never sent by clients', () => {
  test('a client draft with a traceId is refused as an unknown field', () => {
    expect(errorsOf({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' })).toEqual(['traceId:field_unknown']);
  });

  test('a message posting may carry one; a malformed one is refused', () => {
    const withTrace = validatePosting({ ...valid, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(withTrace.ok && withTrace.posting.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    for (const traceId of ['0'.repeat(32), '4BF92F3577B34DA6A3CE929D0E0E4736', 'abc', 7, null]) {
      const result = validatePosting({ ...valid, traceId });
      expect(result.ok ? [] : result.errors).toEqual([{ field: 'traceId', code: 'trace_id_invalid' }]);
    }
  });
});

describe('the producer: stamped by ingest, never sent by clients', () => {
  test('a client draft with a producer is refused as an unknown field', () => {
    expect(errorsOf({ producer: 'someone-else' })).toEqual(['producer:field_unknown']);
  });

  test('a message posting may carry one; an invalid one is refused', () => {
    const withProducer = validatePosting({ ...valid, producer: 'bank-a' });
    expect(withProducer.ok && withProducer.posting.producer).toBe('bank-a');
    const without = validatePosting(valid);
    expect(without.ok && 'producer' in without.posting).toBe(false);
    for (const producer of ['', 'x'.repeat(201), 'a\u0000b', 7]) {
      const result = validatePosting({ ...valid, producer });
      expect(result.ok ? [] : result.errors).toEqual([{ field: 'producer', code: 'producer_invalid' }]);
    }
  });
});
