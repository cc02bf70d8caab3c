// What the query API's test files share: an app over a test database, tokens for each scope,
// and the log lines it wrote. Not part of the package's API.
import { PassThrough } from 'node:stream';
import type { Database } from '@flow/ledger-core';
import { createAuthenticator, createLogger, signEmbeddedToken, type Scope } from '@flow/service-kit';
import type { Express } from 'express';
import { createQueryApiApp, type QueryApiDependencies } from './app.ts';

export const testSecret = 'query-api-test-secret-of-at-least-32-bytes';
/** The key the test app signs cursors with, so a test can forge a validly signed one. */
export const testCursorKey = 'query-api-test-cursor-key-of-32-bytes-or-more';

export interface TestApp {
  readonly app: Express;
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
  const app = createQueryApiApp({
    readDatabase,
    primaryDatabase,
    authenticator: createAuthenticator({ mode: 'embedded', secret: testSecret }),
    logger,
    cursorKeys: [testCursorKey],
    ...extra,
  });
  const bearer = async (scopes: Scope[]) => `Bearer ${await signEmbeddedToken({ secret: testSecret, scopes })}`;
  return {
    app,
    auth: { reader: await bearer(['flow:read']), admin: await bearer(['flow:admin']), poster: await bearer(['flow:post']) },
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
