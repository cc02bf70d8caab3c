// The OpenAPI 3.1 documents of Flow's HTTP apps, generated from the contracts (limits, codes,
// field rules), so the published API cannot drift from what the code enforces. Each app serves
// its own document (`/openapi.json`, Swagger UI at `/docs`).
import { apiErrorCodes, authFailureReasons, validationCodes } from '../codes.ts';
import { errorItemsMax } from '../limits.ts';
import { problemContentType, problemInstancePrefix, problemTypeBase } from '../problems.ts';
import { ingestPaths, ingestSchemas } from './ingest-paths.ts';
import { queryPaths, querySchemas } from './query-paths.ts';

export type OpenApiService = 'ingest' | 'query-api';
export type OpenApiDocument = Readonly<Record<string, unknown>>;

const titles: Record<OpenApiService, string> = {
  ingest: 'Flow ingest API',
  'query-api': 'Flow query API',
};

export function buildOpenApiDocument(service: OpenApiService, version = '0.1.0'): OpenApiDocument {
  const paths = service === 'ingest' ? ingestPaths() : queryPaths();
  const schemas = service === 'ingest' ? ingestSchemas() : querySchemas();
  return {
    openapi: '3.1.0',
    info: { title: titles[service], version, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } },
    // Relative: the service that serves this document (the embedded stack, or the edge stack's API).
    servers: [{ url: '/', description: 'The service that serves this document (`/openapi.json`).' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: [
            'A JWT with the scopes each operation names (`scope` or `scp`) and the branches it may touch in the',
            '`flow_branches` claim (its name is configurable with FLOW_AUTH_BRANCHES_CLAIM): an array of branch',
            'codes, or `["*"]` for every branch. Without the claim a token reaches no ledger data, `flow:admin`',
            'included (the catalog admin needs only its scope).',
          ].join(' '),
        },
      },
      schemas: { Problem: problemSchema(), ProblemError: problemErrorSchema(), ...schemas },
    },
  };
}

/** RFC 9457 problem details, `code` from the registry's API errors (see problems.ts). */
function problemSchema(): Record<string, unknown> {
  return {
    type: 'object',
    description: 'RFC 9457 problem details; `code` and `message` are kept from the first error answers.',
    required: ['type', 'title', 'status', 'detail', 'code', 'message'],
    properties: {
      type: { type: 'string', format: 'uri', description: `\`${problemTypeBase}<code>\`: one per registry code (CODES.md).` },
      title: { type: 'string', description: 'The registry message of the code, the same for every occurrence.' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string', description: 'What happened this time.' },
      instance: { type: 'string', description: `\`${problemInstancePrefix}<x-request-id>\`: quote it to support.` },
      code: { type: 'string', enum: Object.keys(apiErrorCodes) },
      message: { type: 'string' },
      errors: {
        type: 'array', maxItems: errorItemsMax, items: { $ref: '#/components/schemas/ProblemError' },
        description: `Field and parameter problems (400), the first ${errorItemsMax} in request order.`,
      },
      errorsTotal: { type: 'integer', minimum: 1, description: 'How many problems there were in all, beside `errors`.' },
      details: {
        type: 'object',
        additionalProperties: true,
        description: [
          'What else the occurrence carries: `reason` of a 401 (one of',
          `${Object.keys(authFailureReasons).map((reason) => `\`${reason}\``).join(', ')}), \`requiredScope\` of a 403,`,
          'the assigned ids of an ingest 503, the limit of a 429, `traceId` of a 500 or 503.',
        ].join(' '),
      },
    },
  };
}

/** One entry of a problem's `errors[]`: `{ pointer, code, message }`. */
function problemErrorSchema(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['pointer', 'code', 'message'],
    properties: {
      pointer: {
        type: 'string',
        description: [
          'RFC 6901 JSON Pointer: into the body (`/transactions/3/amount`, `/amount` for one posting, empty for the',
          'whole body), or into the parameters seen as `{ "query": {...}, "path": {...} }` (`/query/limit`, `/path/branch`).',
        ].join(' '),
      },
      code: { type: 'string', enum: [...Object.keys(validationCodes), 'branch_forbidden'] },
      message: { type: 'string' },
    },
  };
}

/** A response that answers with the Problem schema, for each registry code that may occur. */
export function errorResponses(...codes: (keyof typeof apiErrorCodes)[]): Record<string, unknown> {
  const responses: Record<string, { description: string; content: unknown; headers?: unknown }> = {};
  for (const code of codes) {
    const status = String(apiErrorCodes[code].httpStatus);
    const existing = responses[status];
    const description = existing === undefined ? code : `${existing.description}, ${code}`;
    responses[status] = { description, content: { [problemContentType]: { schema: { $ref: '#/components/schemas/Problem' } } } };
    if (status === '401' || status === '403') responses[status].headers = { 'WWW-Authenticate': bearerChallengeHeader };
  }
  return responses;
}

/** RFC 6750 §3: the challenge of every 401 and 403. */
const bearerChallengeHeader = {
  description: '`Bearer realm="flow"`, with `error="invalid_token"` for a bad token, `error="insufficient_scope"` (and `scope`) for a missing scope or branch.',
  schema: { type: 'string' },
};

/** RFC 8288: the next page, beside `nextCursor`. */
export const nextPageLinkHeader = {
  description: '`<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page.',
  schema: { type: 'string' },
};
