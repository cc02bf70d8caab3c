// Problem details follow from the registry: one type per code, title and status from it, the
// bounded errors[] and RFC 6901 pointers.
import { apiErrorCodes, type ApiErrorCode } from './codes.ts';
import { errorItemsMax } from './limits.ts';
import { jsonPointer, problemOf, problemType } from './problems.ts';

describe('problem details', () => {
  test.each(Object.keys(apiErrorCodes) as ApiErrorCode[])('%s has its own type, its title and its status', (code) => {
    const problem = problemOf(code, { requestId: 'req-1' });
    expect(problem).toEqual({
      type: `https://flow.dev/problems/${code}`, title: apiErrorCodes[code].message, status: apiErrorCodes[code].httpStatus,
      detail: apiErrorCodes[code].message, instance: 'urn:flow:request:req-1', code, message: apiErrorCodes[code].message,
    });
  });

  test('types are unique per code', () => {
    const types = Object.keys(apiErrorCodes).map((code) => problemType(code as ApiErrorCode));
    expect(new Set(types).size).toBe(types.length);
  });

  test('errors[] is bounded and errorsTotal counts them all', () => {
    const errors = Array.from({ length: errorItemsMax + 5 }, (_, index) => ({ pointer: `/transactions/${index}/amount`, code: 'amount_invalid_format' as const, message: 'm' }));
    const problem = problemOf('validation_failed', { errors });
    expect(problem.errors).toHaveLength(errorItemsMax);
    expect(problem.errorsTotal).toBe(errorItemsMax + 5);
    expect(problemOf('validation_failed', { errors: errors.slice(0, 2) }).errorsTotal).toBe(2);
  });

  test.each([
    [[], ''],
    [['transactions', 3, 'amount'], '/transactions/3/amount'],
    [['query', 'limit'], '/query/limit'],
    [['a/b', 'm~n'], '/a~1b/m~0n'],
    [[''], '/'],
  ] as const)('jsonPointer(%j) is %j (RFC 6901)', (tokens, pointer) => {
    expect(jsonPointer(...tokens)).toBe(pointer);
  });
});
