// What the query API's test files share: an app over a test database, tokens for each scope,
// and the log lines it wrote. Not part of the package's API.
import { PassThrough } from 'node:stream';
import { answerChecker, buildOpenApiDocument } from '@flow/contracts';
import type { Database } from '@flow/ledger-core';
import { createAuthenticator, createLogger, signEmbeddedToken, type Scope } from '@flow/service-kit';
import express, { type Express, type RequestHandler } from 'express';
import { createQueryApiApp, type QueryApiDependencies } from './app.ts';

export const testSecret = 'query-api-test-secret-of-at-least-32-bytes';
/** The key the test app signs cursors with, so a test can forge a validly signed one. */
export const testCursorKey = 'query-api-test-cursor-key-of-32-bytes-or-more';

export interface TestApp {
  /** The query API behind a check of every JSON answer against its documented schema (documentedAnswers). */
  readonly app: Express;
  /** The query API's own app, for what a test reads off its router. */
  readonly queryApi: Express;
  /** `Authorization` header values by role. */
  readonly auth: { readonly reader: string; readonly admin: string; readonly poster: string };
  /** Every JSON log line written so far. */
  logLines(): Record<string, unknown>[];
}

export async function createTestApp(
  readDatabase: Database, primaryDatabase: Database = readDatabase,
  extra: Pick<QueryApiDependencies, 'statementExport' | 'primaryReadDatabase' | 'consoleOidc'> = {},
): Promise<TestApp> {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const logger = createLogger({ service: 'flow-query-api', level: 'info', stream });
  const queryApi = createQueryApiApp({
    readDatabase,
    primaryDatabase,
    authenticator: createAuthenticator({ mode: 'embedded', secret: testSecret }),
    logger,
    cursorKeys: [testCursorKey],
    ...extra,
  });
  const app = express().disable('x-powered-by').use(documentedAnswers()).use(queryApi);
  const bearer = async (scopes: Scope[]) => `Bearer ${await signEmbeddedToken({ secret: testSecret, scopes })}`;
  return {
    app,
    queryApi,
    auth: { reader: await bearer(['flow:read']), admin: await bearer(['flow:admin']), poster: await bearer(['flow:post']) },
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/**
 * Every JSON answer of the test app is checked against the schema the query API's OpenAPI
 * document publishes for its operation and status (answerChecker): one that differs is thrown as
 * an error before it is sent, so the route's test gets a 500 instead of the answer it expected.
 */
function documentedAnswers(): RequestHandler {
  const check = answerChecker(buildOpenApiDocument('query-api'));
  return (request, response, next) => {
    const send = response.json.bind(response);
    response.json = (body: unknown) => {
      const mediaType = String(response.getHeader('content-type') ?? 'application/json');
      // As the client reads it: a Date is its ISO string once serialized.
      const sent: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
      const drift = check({ method: request.method, path: request.originalUrl.split('?')[0]!, status: response.statusCode, mediaType, body: sent });
      if (drift !== null) {
        const message = `${request.method} ${request.originalUrl} answered ${response.statusCode} off its documented schema: ${drift}`;
        // Printed as well: the 500 the test sees carries only a trace id, and the log lines are captured.
        console.error(message);
        throw new Error(message);
      }
      return send(body);
    };
    next();
  };
}
