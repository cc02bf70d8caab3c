// The answer check of the route suites catches a drifted answer, and only the drift: a field
// dropped, one added, a value of the wrong shape, a problem without its members.
import { answerChecker } from './answer-check.ts';
import { buildOpenApiDocument } from './document.ts';

const check = answerChecker(buildOpenApiDocument('query-api'));
const id = '0190a0b0-0000-7000-8000-000000000001';
const transaction = {
  id, status: 'posted', reason: null, branch: '0001', account: 'A1', amount: '12.00', debitCredit: 'C', eventCode: 494,
  description: null, details: { order: 7 }, dateRef: '2026-11-24', traceKey: id, seq: '42', processedAt: '2026-11-24T13:00:00.000Z', producer: null,
};
const page = (items: unknown[]) => ({ method: 'GET', path: '/v1/transactions', status: 200, mediaType: 'application/json; charset=utf-8', body: { items, nextCursor: null } });

test('an answer of the documented shape passes', () => {
  expect(check(page([transaction]))).toBeNull();
});

test.each([
  ['a field dropped', (({ producer: _producer, ...rest }) => rest)(transaction), '/items/0 must have required property \'producer\''],
  ['a field added', { ...transaction, postedBy: 'x' }, '/items/0 must NOT have additional properties'],
  ['a date as a number', { ...transaction, dateRef: 20261124 }, '/items/0/dateRef must be string'],
  ['an instant without its offset', { ...transaction, processedAt: '2026-11-24 13:00' }, '/items/0/processedAt must match format "date-time"'],
])('%s is reported', (_case, item, drift) => {
  expect(check(page([item]))).toBe(drift);
});

test('a problem is checked against the Problem schema, by its media type and path template', () => {
  const answer = { method: 'GET', path: '/v1/accounts/0001/A1/statement', status: 400, mediaType: 'application/problem+json' };
  expect(check({ ...answer, body: { type: 'https://flow.dev/problems/query_invalid', title: 't', status: 400, detail: 'd', code: 'query_invalid', message: 'm' } })).toBeNull();
  expect(check({ ...answer, body: { type: 'https://flow.dev/problems/query_invalid', title: 't', status: 400, detail: 'd', code: 'no_such_code', message: 'm' } }))
    .toBe('/code must be equal to one of the allowed values');
});

test('a route the document does not describe is not judged; an undocumented answer of a documented operation is wrong', () => {
  expect(check({ method: 'GET', path: '/console/', status: 200, mediaType: 'text/html', body: '<html>' })).toBeNull();
  expect(check({ ...page([]), status: 418 })).toBe('no 418 application/json answer is documented for GET /v1/transactions');
});
