// The OpenAPI 3.1 documents of Flow's HTTP apps, generated from the contracts (limits, codes,
// field rules), so the published API cannot drift from what the code enforces. Each app serves
// its own document (`/openapi.json`, Swagger UI at `/docs`).
import { apiErrorCodes } from '../codes.ts';
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
    info: { title: titles[service], version },
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
      schemas: { Error: errorSchema(), ...schemas },
    },
  };
}

/** `{ code, message, details? }`, `code` from the registry's API errors. */
function errorSchema(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string', enum: Object.keys(apiErrorCodes) },
      message: { type: 'string' },
      details: {},
    },
  };
}

/** A response that answers with the Error schema, for each registry code that may occur. */
export function errorResponses(...codes: (keyof typeof apiErrorCodes)[]): Record<string, unknown> {
  const responses: Record<string, { description: string; content: unknown; headers?: unknown }> = {};
  for (const code of codes) {
    const status = String(apiErrorCodes[code].httpStatus);
    const existing = responses[status];
    const description = existing === undefined ? code : `${existing.description}, ${code}`;
    responses[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
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
