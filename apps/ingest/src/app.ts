// Ingest's Express app, built from its dependencies without listening (docs/style.md §2), so tests
// drive it with supertest. One business route, `POST /v1/transactions`: authenticate, parse and
// validate the whole body, complete ids and trace keys, publish through the batcher and answer
// 202 only after the broker confirmed. Ingest never touches the database.
import { buildOpenApiDocument, isProducer, limits, parseExactJson, type Posting } from '@flow/contracts';
import {
  ApiError,
  bodyInvalid,
  byAddress,
  bySubject,
  createRateLimiter,
  rateLimit,
  securityHeaders,
  errorFields,
  errorHandler,
  healthRoutes,
  mayAccessBranch,
  notFound,
  openApiRoutes,
  requestContext,
  requireJsonAccept,
  requireJsonContent,
  requireScope,
  sendError,
  traceKeyFields,
  type Authenticator,
  type Logger,
  type Metrics,
  type Principal,
} from '@flow/service-kit';
import express, { type Express, type Request, type Response } from 'express';
import type { IngestConfig } from './config.ts';
import { acceptedBody, completePostings, forbiddenBranches, parsePostingRequest, type RequestForm } from './posting-request.ts';
import { BrokerUnavailableError, type PostingPublisher } from './publisher.ts';

export interface IngestDependencies {
  readonly config: Readonly<IngestConfig>;
  readonly publisher: PostingPublisher;
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  /** False once the service is stopping, so the load balancer drains it first. */
  readonly isAccepting?: () => boolean;
  /** Counts requests and accepted postings; absent in tests that do not look. */
  readonly metrics?: Metrics;
}

export function createIngestApp(dependencies: IngestDependencies): Express {
  const { config, publisher, authenticator, logger } = dependencies;
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(logger, dependencies.metrics));
  app.use(securityHeaders);
  const limiter = createRateLimiter(config.rateLimit);
  app.use(healthRoutes([
    { name: 'broker', check: async () => assertReady(publisher.isAvailable(), 'the request-topic breaker is open') },
    { name: 'accepting', check: async () => assertReady(dependencies.isAccepting?.() ?? true, 'the service is stopping') },
  ], logger));
  app.use(openApiRoutes(() => buildOpenApiDocument('ingest'), 'Flow ingest API'));
  app.use('/v1', requireJsonAccept);
  // Authentication before the body is read: an anonymous caller cannot make us parse a megabyte.
  app.post(
    '/v1/transactions',
    // Counted by client address before the token is checked, by subject after: a request counts
    // once per key, however many postings it holds.
    rateLimit(config.rateLimit, limiter, byAddress, logger),
    requireScope(authenticator, 'flow:post', logger),
    rateLimit(config.rateLimit, limiter, bySubject, logger),
    requireJsonContent,
    // Read as text and parsed by the route with parseExactJson, which keeps each number's source
    // text (a number a double cannot hold exactly is refused) and survives any nesting depth.
    express.text({ type: 'application/json', limit: limits.requestBodyBytesMax }),
    postTransactions(dependencies),
  );
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}

function assertReady(ready: boolean, reason: string): void {
  if (!ready) throw new Error(reason);
}

function postTransactions({ config, publisher, logger, metrics }: IngestDependencies) {
  const retryAfterSeconds = String(Math.ceil(config.publish.breakerResetMs / 1_000));
  return async (request: Request, response: Response): Promise<void> => {
    const requestId = response.locals.requestId as string;
    if (typeof request.body !== 'string') {
      sendError(response, 'validation_failed', undefined, bodyInvalid('the body is empty; send one posting or { "transactions": [...] }'));
      return;
    }
    const body = jsonBody(request.body as string);
    if (body === invalidJson) {
      sendError(response, 'validation_failed', undefined, bodyInvalid('the body is not valid JSON'));
      return;
    }
    const parsed = parsePostingRequest(body);
    if (!parsed.ok) {
      logger.info('request_invalid', { requestId, itemCount: parsed.itemCount, refusal: parsed.code });
      sendError(response, parsed.code, parsed.details, parsed.extras);
      return;
    }
    // The token's branches: a request touching any other is refused whole, and nothing is published.
    const principal = response.locals.principal as Principal;
    const forbidden = forbiddenBranches(parsed.form, parsed.drafts, (branch) => mayAccessBranch(principal.branchAccess, branch));
    if (forbidden !== null) {
      logger.warn('auth_failed', { requestId, reason: 'branch_forbidden', subject: principal.subject, itemCount: forbidden.errorsTotal });
      sendError(response, 'branch_forbidden', undefined, forbidden);
      return;
    }
    const traceId = response.locals.traceId as string;
    const postings = completePostings(parsed.drafts, producerOf(principal), traceId);
    try {
      await publisher.publish(postings);
    } catch (error) {
      if (!(error instanceof BrokerUnavailableError)) throw error;
      const cause = error.cause === undefined ? {} : errorFields(error.cause);
      logger.warn('publish_failed', { requestId, traceId, count: postings.length, reason: error.reason, ...postingLogFields(parsed.form, postings), ...cause });
      // Some of the request's messages may have landed (a timed-out publish too), so the client
      // must retry with exactly these ids: the ledger then treats a repeat as a replay.
      const assigned = acceptedBody(parsed.form, postings);
      throw new ApiError('broker_unavailable', { reason: error.reason, ...assigned }, { 'Retry-After': retryAfterSeconds });
    }
    logger.info('postings_accepted', { requestId, traceId, count: postings.length, ...postingLogFields(parsed.form, postings) });
    metrics?.increment('flow_postings_accepted_total', {}, postings.length);
    // One posting: its status resource on the query API, 404 until the worker has applied it.
    if (parsed.form === 'single') response.location(`${config.queryApiPublicUrl}/v1/transactions/${postings[0]!.id}`);
    response.status(202).json(acceptedBody(parsed.form, postings));
  };
}

/**
 * What every log line about a request's postings carries: id and traceKey of a single posting,
 * the distinct traceKeys of a batch (ids would flood the log).
 */
function postingLogFields(form: RequestForm, postings: readonly Posting[]): Record<string, unknown> {
  if (form === 'single') return { id: postings[0]!.id, traceKey: postings[0]!.traceKey };
  return traceKeyFields(postings);
}

const invalidJson = Symbol('invalid JSON');

function jsonBody(text: string): unknown {
  try {
    return parseExactJson(text);
  } catch {
    return invalidJson;
  }
}

/** The producer stamped on the request's postings; a value the contract refuses is left out. */
function producerOf(principal: Principal): string | null {
  return isProducer(principal.producer) ? principal.producer : null;
}
