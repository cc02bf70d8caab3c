// The ingest OpenAPI document against what the code enforces: every error the route answers is
// documented with its status, every bound equals limits.ts, and the field patterns agree with
// validatePostingDraft on a table of edge cases.
import { apiErrorCodes } from '../codes.ts';
import * as limits from '../limits.ts';
import { validatePostingDraft } from '../posting.ts';
import { buildOpenApiDocument } from './document.ts';
import { postTransactionsErrorCodes, retryWithSameIds } from './ingest-paths.ts';

type Node = Record<string, unknown>;
const document = buildOpenApiDocument('ingest') as Node;
const at = (node: unknown, ...keys: string[]): Node => keys.reduce((inner, key) => (inner as Node)[key], node) as Node;
const schemas = at(document, 'components', 'schemas');
const posting = at(schemas, 'PostingRequest', 'properties');
const postResponses = at(document, 'paths', '/v1/transactions', 'post', 'responses');

const validPosting = { branch: '0001', account: '123456', amount: '10.00', debitCredit: 'C', eventCode: 494, dateRef: '2025-03-10' };
const accepts = (field: string, value: unknown) => validatePostingDraft({ ...validPosting, [field]: value }).ok;
const patternOf = (field: string) => new RegExp(at(posting, field).pattern as unknown as string);

describe('ingest OpenAPI document', () => {
  test.each(postTransactionsErrorCodes)('POST /v1/transactions documents %s under its HTTP status', (code) => {
    const response = postResponses[String(apiErrorCodes[code].httpStatus)] as Node | undefined;
    expect(response).toBeDefined();
    expect(String(response!.description).split(', ')).toContain(code);
  });

  test('the 503 tells the client when to retry, and 202 is the only success', () => {
    expect(at(postResponses, '503', 'headers')).toHaveProperty('Retry-After');
    expect(Object.keys(postResponses).filter((status) => status.startsWith('2'))).toEqual(['202']);
  });

  test('the 503 names the assigned ids and says to retry with exactly them', () => {
    expect(at(postResponses, '503', 'content', 'application/problem+json', 'schema')).toEqual({ $ref: '#/components/schemas/BrokerUnavailableProblem' });
    const details = at(schemas, 'BrokerUnavailableProblem', 'allOf', '1', 'properties', 'details');
    expect(Object.keys(at(details, 'properties'))).toEqual(['reason', 'id', 'traceKey', 'transactions']);
    expect(at(details, 'properties', 'transactions', 'items')).toEqual({ $ref: '#/components/schemas/PostingAccepted' });
    expect(String(details.description)).toContain(retryWithSameIds);
    expect(String(at(document, 'paths', '/v1/transactions', 'post').description)).toContain(retryWithSameIds);
  });

  test('every error is a problem whose errors[] entries are { pointer, code, message }', () => {
    expect(at(postResponses, '400', 'content', 'application/problem+json', 'schema')).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(at(schemas, 'Problem', 'properties', 'errors', 'items')).toEqual({ $ref: '#/components/schemas/ProblemError' });
    expect(at(schemas, 'ProblemError').required).toEqual(['pointer', 'code', 'message']);
  });

  test('the bounds of the posting and the batch are the limits of the contract', () => {
    expect(at(posting, 'branch').maxLength).toBe(limits.branchLengthMax);
    expect(at(posting, 'account').maxLength).toBe(limits.accountLengthMax);
    expect(at(posting, 'description').maxLength).toBe(limits.descriptionLengthMax);
    expect(at(posting, 'details')['x-flow-max-bytes']).toBe(limits.detailsBytesMax);
    expect(at(posting, 'eventCode')).toMatchObject({ minimum: limits.eventCodeMin, maximum: limits.eventCodeMax });
    expect(at(posting, 'amount')['x-flow-maximum']).toBe(limits.amountMax);
    expect(at(schemas, 'PostingBatchRequest', 'properties', 'transactions')).toMatchObject({ minItems: 1, maxItems: limits.requestPostingsMax });
    expect(at(document, 'paths', '/v1/transactions', 'post', 'requestBody')['x-flow-max-bytes']).toBe(limits.requestBodyBytesMax);
  });

  test('required fields are the ones the validator requires', () => {
    const required = at(schemas, 'PostingRequest').required as string[];
    for (const field of Object.keys(posting)) {
      const { [field]: _omitted, ...without } = validPosting as Record<string, unknown>;
      expect({ field, required: !validatePostingDraft(without).ok }).toEqual({ field, required: required.includes(field) });
    }
  });

  test.each([
    '1', '0.01', '10.5', '123.45', '0010.00', limits.amountMax, '1234567890123', '0.10',
    '0', '0.00', '00', '-1.00', '1.001', '1.', '.5', '1,00', '12345678901234', '10000000000000.00', '1e3', ' 1',
  ])('the amount pattern agrees with the validator on "%s"', (amount) => {
    expect(patternOf('amount').test(amount)).toBe(accepts('amount', amount));
  });

  test.each([
    ['branch', ['0001', 'A', 'ABCDEFGHIJ', '', 'ABCDEFGHIJK', '00-1', 'ç']],
    ['account', ['123456', 'VIRT', '12345678901234567890', '123456789012345678901', '12 34']],
    ['id', ['0190e4a2-7c1e-7a3b-8f00-123456789abc', '0190E4A2-7C1E-7A3B-8F00-123456789ABC', 'not-a-uuid', '0190e4a27c1e7a3b8f00123456789abc']],
  ] as const)('the %s pattern agrees with the validator', (field, values) => {
    for (const value of values) expect({ value, valid: patternOf(field).test(value) }).toEqual({ value, valid: accepts(field, value) });
  });
});
