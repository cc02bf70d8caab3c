// The schema-driven checks of parameters and bodies: table-driven over the rules the query API's
// clients read in `errors[]` — codes, pointers, order, and messages written from the schema.
import { Type } from '@sinclair/typebox';
import { checkFields, checkParameters, expectation, fieldPointer, isInstant } from './check.ts';
import { queryApiParameters } from './parameters.ts';
import { AccountCreate, EventUpdate } from './responses.ts';

const search = queryApiParameters.searchTransactions.query;
const problemsOf = (raw: Record<string, unknown>) => checkParameters(search, raw, 'query').problems;

test.each([
  ['digits', '50', []],
  ['an exponent', '1e2', ['must be an integer from 1 to 500']],
  ['a sign', '+5', ['must be an integer from 1 to 500']],
  ['spaces', ' 5', ['must be an integer from 1 to 500']],
  ['a fraction', '1.5', ['must be an integer from 1 to 500']],
  ['above the bound', '501', ['must be an integer from 1 to 500']],
])('an integer parameter given as %s', (_case, limit, messages) => {
  expect(problemsOf({ limit }).map((problem) => problem.message)).toEqual(messages);
});

test('an integer parameter is read as a number, an empty one is absent', () => {
  expect(checkParameters(search, { limit: '7', eventCode: '494', branch: '' }, 'query').values).toEqual({ limit: 7, eventCode: 494 });
});

test('every problem at once: unknown names first, then in the schema\'s order, one per name', () => {
  expect(problemsOf({ status: 'nope', color: 'red', from: '2026-02-30', branch: ['0001', '0002'], producer: 'a\u0000b', traceKey: 'x' })).toEqual([
    { pointer: '/query/color', code: 'field_unknown', message: 'unknown parameter' },
    { pointer: '/query/branch', code: 'value_invalid', message: 'give it once, as a single value' },
    { pointer: '/query/from', code: 'value_invalid', message: 'must be a calendar date "YYYY-MM-DD"' },
    { pointer: '/query/traceKey', code: 'value_invalid', message: 'must be a UUID' },
    { pointer: '/query/producer', code: 'value_invalid', message: 'must not contain NUL (U+0000) or unpaired surrogates' },
    { pointer: '/query/status', code: 'value_invalid', message: 'must be one of: posted, rejected, all' },
  ]);
});

test('a required parameter missing is field_required, a path parameter points into /path', () => {
  expect(checkParameters(queryApiParameters.getAccount.path, { branch: '0-1' }, 'path').problems).toEqual([
    { pointer: '/path/branch', code: 'value_invalid', message: 'must be 1 to 10 letters or digits' },
    { pointer: '/path/account', code: 'field_required', message: 'required' },
  ]);
});

test('a body: required, unknown, nullable and bounded fields; what passed is kept', () => {
  const checked = checkFields(AccountCreate, { branch: '0001', account: 'A'.repeat(21), holderName: 'x'.repeat(201), colour: 1 }, fieldPointer, 'unknown field');
  expect(checked.problems).toEqual([
    { pointer: '/colour', code: 'field_unknown', message: 'unknown field' },
    { pointer: '/account', code: 'value_invalid', message: 'must be 1 to 20 letters or digits' },
    { pointer: '/holderName', code: 'value_invalid', message: 'must be null or a string of at most 200 characters' },
  ]);
  expect(checked.values).toEqual({ branch: '0001' });
  expect(checkFields(AccountCreate, { branch: '0001', account: 'A', holderName: null }, fieldPointer, '').problems).toEqual([]);
});

test('minProperties is left to the route (requireAny counts known fields only)', () => {
  expect(checkFields(EventUpdate, {}, fieldPointer, 'unknown field').problems).toEqual([]);
  expect(checkFields(EventUpdate, { active: 'yes' }, fieldPointer, 'unknown field').problems)
    .toEqual([{ pointer: '/active', code: 'value_invalid', message: 'must be true or false' }]);
});

test.each([
  ['2026-11-24T18:00:00-03:00', true],
  ['2026-11-24T18:00:00.123456Z', true],
  ['2026-11-24T18:00:00.1234567Z', false],
  ['2026-11-24T18:00:00', false],
  ['2026-02-30T18:00:00Z', false],
])('the date-time format: %s → %s', (value, valid) => {
  expect(isInstant(value)).toBe(valid);
});

test('a message is written from the schema, whatever keyword failed', () => {
  expect(expectation(Type.Integer({ minimum: 1, maximum: 9 }))).toBe('an integer from 1 to 9');
  expect(expectation(Type.String({ minLength: 1, maxLength: 5 }))).toBe('1 to 5 characters');
  expect(expectation({ oneOf: [{ type: 'string', maxLength: 3 }, { type: 'null' }] })).toBe('null or a string of at most 3 characters');
});
