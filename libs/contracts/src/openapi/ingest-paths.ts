// OpenAPI paths and schemas of apps/ingest: `POST /v1/transactions` (one posting or a batch) and
// the health routes. Every bound is read from limits.ts and every field rule mirrors posting.ts,
// so the document cannot promise what the validator refuses (ingest-paths.test.ts checks both).
import type { ApiErrorCode } from '../codes.ts';
import {
  accountLengthMax,
  amountDecimalPlacesMax,
  amountIntegerDigitsMax,
  amountMax,
  branchLengthMax,
  descriptionLengthMax,
  detailsBytesMax,
  detailsDepthMax,
  errorItemsMax,
  eventCodeMax,
  eventCodeMin,
  requestBodyBytesMax,
  requestPostingsMax,
} from '../limits.ts';
import { problemContentType } from '../problems.ts';
import { accountPatternSource, branchPatternSource, uuidPatternSource as uuidPattern } from '../patterns.ts';
import { ingestSchemasOwned } from '../schemas/responses.ts';
import { errorResponses } from './document.ts';
import { componentSchemas } from './from-schemas.ts';

/** Every API error `POST /v1/transactions` can answer, in the order a request meets them. */
export const postTransactionsErrorCodes = [
  'not_acceptable',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'content_type_unsupported',
  'content_encoding_unsupported',
  'body_encoding_invalid',
  'request_too_large',
  'request_malformed',
  'validation_failed',
  'too_many_postings',
  'branch_forbidden',
  'broker_unavailable',
  'internal_error',
] as const satisfies readonly ApiErrorCode[];

/** Greater than zero (some digit 1–9), at most 13 integer digits after leading zeros, 2 decimals. */
const amountPattern = `^(?=[0.]*[1-9])0*\\d{1,${amountIntegerDigitsMax}}(\\.\\d{1,${amountDecimalPlacesMax}})?$`;

/** What a client does with the ids a 503 `broker_unavailable` names. */
export const retryWithSameIds = 'retry with exactly these ids; the ledger treats a repeat as a replay.';

const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schemaValue: unknown) => ({ 'application/json': { schema: schemaValue } });
const problemJson = (schemaValue: unknown) => ({ [problemContentType]: { schema: schemaValue } });

/**
 * Today in São Paulo (Flow's default business time zone), for examples that Swagger UI's
 * "Execute" posts as they are: a `dateRef` inside the retro window.
 */
export function exampleBusinessDate(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The embedded stack's demo event and account, so an example posted as it is gets posted. */
const examplePosting = (dateRef: string) => ({
  branch: '0001', account: '123456', amount: '100.00', debitCredit: 'C', eventCode: 494, dateRef, description: 'Pix recebido',
});

export function ingestPaths(exampleDate = exampleBusinessDate()): Record<string, unknown> {
  return {
    '/v1/transactions': { post: postTransactions(exampleDate) },
    '/health/live': { get: health('getLiveness', 'The process runs.', false) },
    '/health/ready': { get: health('getReadiness', 'Ready to accept postings: the request-topic breaker is closed and the service is not stopping.', true) },
  };
}

function postTransactions(exampleDate: string): Record<string, unknown> {
  const errors = errorResponses(...postTransactionsErrorCodes) as Record<string, Record<string, unknown>>;
  const retryAfter = {
    description: 'Seconds until the breaker probes the broker again; retry then, with the same ids.',
    schema: { type: 'integer', minimum: 1 },
  };
  return {
    operationId: 'postTransactions',
    summary: 'Accept one posting or a batch for the ledger',
    description: [
      'Validates every posting (any invalid item fails the whole request and nothing is published),',
      'assigns an `id` (UUIDv7) to postings without one and one new `traceKey` per request to postings',
      'without one, publishes them to the request topic and answers 202 only after the broker confirmed.',
      'The outcome (posted or rejected with its code) arrives later on the callback topic and in the query API.',
      'Send your own `id`: a retried request is then an idempotent replay.',
      'Every error is an RFC 9457 problem (`application/problem+json`); an invalid posting\'s fields are listed in',
      '`errors[]` as `{ pointer, code, message }` with pointers such as `/transactions/3/amount` (`/amount` for one posting).',
      'A 503 may come after some of the request\'s postings reached the broker; its `details` list every assigned',
      '`{ id, traceKey }` (`details.id`/`details.traceKey` for one posting, `details.transactions` in request order for a batch):',
      retryWithSameIds,
      `Body at most ${requestBodyBytesMax} bytes; at most ${requestPostingsMax} postings per batch. Scope \`flow:post\`.`,
      'Every posting\'s branch must be in the token\'s `flow_branches` claim (or the claim is `["*"]`): otherwise the',
      'request is refused whole with 403 `branch_forbidden`, listing those postings in `errors[]` (pointing at each',
      `\`branch\`, the first ${errorItemsMax}, and \`errorsTotal\`), and nothing is published.`,
    ].join(' '),
    security: [{ bearer: ['flow:post'] }],
    parameters: [{
      name: 'traceparent',
      in: 'header',
      required: false,
      description: 'W3C trace context (`00-<trace id>-<parent span id>-<flags>`). Its trace id follows the postings to the worker\'s '
        + 'batch span (a span link) and back on each outcome (`traceId`); absent or malformed, ingest starts a new trace.',
      schema: { type: 'string', pattern: '^00-[0-9a-fA-F]{32}-[0-9a-fA-F]{16}-[0-9a-fA-F]{2}$' },
    }],
    requestBody: {
      required: true,
      description: `One posting, or \`{ "transactions": [...] }\`; at most ${requestBodyBytesMax} bytes of JSON.`,
      'x-flow-max-bytes': requestBodyBytesMax,
      content: {
        'application/json': {
          schema: { oneOf: [schema('PostingRequest'), schema('PostingBatchRequest')] },
          examples: {
            posting: { summary: 'One posting (today, the demo account and event)', value: examplePosting(exampleDate) },
            batch: {
              summary: 'A batch: a credit and a debit',
              value: { transactions: [examplePosting(exampleDate), { ...examplePosting(exampleDate), amount: '25.00', debitCredit: 'D', description: 'Tarifa' }] },
            },
          },
        },
      },
    },
    responses: {
      202: {
        description: 'Published: every posting is on the request topic. Single form → `{ id, traceKey }`; batch form → `{ transactions }` in request order.',
        content: json({ oneOf: [schema('PostingAccepted'), schema('PostingBatchAccepted')] }),
        headers: {
          Location: {
            description: 'Single form only: the posting\'s status resource on the query API (`/v1/transactions/{id}`; absolute when ingest knows the query API\'s public URL). 404 until the worker has applied it.',
            schema: { type: 'string' },
          },
        },
      },
      ...errors,
      503: { ...errors['503'], headers: { 'Retry-After': retryAfter }, content: problemJson(schema('BrokerUnavailableProblem')) },
    },
  };
}

function health(operationId: string, description: string, mayBeUnavailable: boolean): Record<string, unknown> {
  const body = json(schema('HealthStatus'));
  return {
    operationId,
    summary: description,
    security: [],
    responses: {
      200: { description: 'ok', content: body },
      ...(mayBeUnavailable ? { 503: { description: 'not ready; `checks` names the failing check', content: body } } : {}),
    },
  };
}

/**
 * The posting's request schemas are generated from its limits and patterns beside the hand-written
 * contract (decision 0006); its answers and the health status are shapes of ../schemas.
 */
export function ingestSchemas(): Record<string, unknown> {
  const { PostingAccepted, PostingBatchAccepted, HealthStatus } = componentSchemas(ingestSchemasOwned);
  return {
    PostingRequest: postingRequestSchema(),
    PostingBatchRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['transactions'],
      properties: {
        transactions: { type: 'array', minItems: 1, maxItems: requestPostingsMax, items: schema('PostingRequest') },
      },
    },
    PostingAccepted,
    PostingBatchAccepted,
    BrokerUnavailableProblem: brokerUnavailableProblemSchema(),
    HealthStatus,
  };
}

function postingRequestSchema(): Record<string, unknown> {
  const code = (pattern: string, maxLength: number) => ({ type: 'string', pattern, minLength: 1, maxLength });
  return {
    type: 'object',
    additionalProperties: false,
    required: ['branch', 'account', 'amount', 'debitCredit', 'eventCode', 'dateRef'],
    properties: {
      id: { type: ['string', 'null'], pattern: uuidPattern, description: 'Your idempotency key; a UUIDv7 is assigned when absent.' },
      traceKey: { type: ['string', 'null'], pattern: uuidPattern, description: 'Correlation key; one new traceKey per request when absent.' },
      branch: { ...code(branchPatternSource, branchLengthMax), description: 'Branch (agência).' },
      account: { ...code(accountPatternSource, accountLengthMax), description: 'Account (conta).' },
      amount: {
        type: 'string',
        pattern: amountPattern,
        description: `Decimal string greater than zero, at most ${amountDecimalPlacesMax} decimals, at most ${amountMax}.`,
        'x-flow-maximum': amountMax,
        examples: ['123.45'],
      },
      debitCredit: { type: 'string', enum: ['D', 'C'] },
      eventCode: { type: 'integer', minimum: eventCodeMin, maximum: eventCodeMax, description: 'Entry code (código de histórico).' },
      description: {
        type: ['string', 'null'],
        maxLength: descriptionLengthMax,
        description: 'Free text; no NUL (U+0000) and no unpaired surrogates (`text_character_invalid`).',
      },
      details: {
        type: ['object', 'null'],
        additionalProperties: true,
        description: [
          `Producer-owned JSON object, at most ${detailsBytesMax} bytes as UTF-8 JSON and ${detailsDepthMax} levels deep`,
          '(`details_too_deep`), stored exactly as sent: keys and strings without NUL or unpaired surrogates',
          '(`text_character_invalid`), numbers a double holds exactly — finite, integers within ±2^53 —',
          '(`details_number_inexact`; send larger or more precise numbers as strings).',
        ].join(' '),
        'x-flow-max-bytes': detailsBytesMax,
        'x-flow-max-depth': detailsDepthMax,
      },
      dateRef: {
        type: 'string', format: 'date',
        description: 'Business date "YYYY-MM-DD", today − retro window … today in the business time zone: earlier is rejected `date_ref_outside_window`, later `date_ref_in_future`.',
      },
      reverses: {
        type: ['string', 'null'],
        pattern: uuidPattern,
        description: [
          'Makes this posting a reversal (estorno) of the posting with this id: posted only if that original is posted,',
          'on the same branch and account, on the other side, and the amount is at most what remains unreversed of it',
          '(partial reversals add up); otherwise rejected `reversal_target_not_found`, `reversal_target_rejected`,',
          '`reversal_other_account`, `reversal_same_side` or `reversal_exceeds_remainder`. Part of the posting for idempotency.',
        ].join(' '),
      },
    },
  };
}

/** The 503: the ids already assigned travel in `details`, since part of the request may have landed. */
function brokerUnavailableProblemSchema(): Record<string, unknown> {
  const reasons = ['broker_error', 'timeout', 'breaker_open', 'overloaded', 'stopped'];
  return {
    allOf: [schema('Problem'), {
      type: 'object',
      required: ['details'],
      properties: {
        details: {
          type: 'object',
          description: `The assigned ids: \`id\` and \`traceKey\` for one posting, \`transactions\` in request order for a batch; ${retryWithSameIds}`,
          required: ['reason'],
          properties: {
            reason: { type: 'string', enum: reasons },
            id: { type: 'string', format: 'uuid' },
            traceKey: { type: 'string', format: 'uuid' },
            transactions: { type: 'array', items: schema('PostingAccepted') },
          },
        },
      },
    }],
  };
}
