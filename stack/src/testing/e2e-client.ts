// What the end-to-end suites do as a producer would: post to ingest over HTTP with a bearer
// token, read the outcomes from the callback topic (through the flow-callback-local tap queue),
// and read back through the query API — all through @flow/client, the typed client generated
// from the OpenAPI documents, so the suites fail when the client and the API drift apart.
import { FlowClient, type PostingOutcomeMessage } from '@flow/client';
import { scopes, signEmbeddedToken } from '@flow/service-kit';
import { brokerClient, waitFor } from '@flow/service-kit/testing';
import type { LocalStack } from '../local-stack.ts';

export async function tokenFor(stack: LocalStack): Promise<string> {
  return signEmbeddedToken({ secret: stack.secret, scopes: [...scopes] });
}

/** The typed client of the stack's two APIs, with `token`. */
export function clientFor(stack: LocalStack, token: string): FlowClient {
  return new FlowClient({ ingestUrl: stack.ingestUrl, queryApiUrl: stack.queryApiUrl, token });
}

export interface HttpAnswer {
  readonly status: number;
  /** The success body, or the problem of an error answer. */
  readonly body: unknown;
  readonly headers: Headers;
}

/** A request to an absolute URL of the stack (for suites that loop over paths), through the client's `send`. */
export async function call(url: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<HttpAnswer> {
  const { origin, pathname, search } = new URL(url);
  const client = new FlowClient({ ingestUrl: origin, queryApiUrl: origin, token });
  const answer = await client.send<unknown>('query-api', init.method ?? 'GET', `${pathname}${search}`, init.body === undefined ? {} : { body: init.body });
  return { status: answer.status, body: answer.ok ? answer.body : answer.problem, headers: answer.headers };
}

/**
 * Reads the callback tap until every id in `ids` has been seen (or the deadline passes) and
 * returns every outcome received, duplicates included (the callback is at least once).
 */
export async function collectOutcomes(
  stack: LocalStack,
  ids: Iterable<string>,
  deadlineMs = 60_000,
): Promise<PostingOutcomeMessage[]> {
  const wanted = new Set(ids);
  const client = brokerClient(stack.broker);
  const received: PostingOutcomeMessage[] = [];
  try {
    await waitFor(async () => {
      for (const outcome of await client.drainOutcomes()) {
        received.push(outcome);
        wanted.delete(outcome.id);
      }
      return wanted.size === 0;
    }, deadlineMs, 50);
  } catch (error) {
    if (wanted.size === 0) throw error;
    throw new Error(`no outcome within ${deadlineMs} ms for ${wanted.size} ids, e.g. ${[...wanted][0]}`, { cause: error });
  } finally {
    client.destroy();
  }
  return received;
}

/** Messages waiting or in flight on a queue. */
export async function queueDepth(stack: LocalStack, queueUrl: string): Promise<number> {
  const client = brokerClient(stack.broker);
  try {
    return await client.queueDepth(queueUrl);
  } finally {
    client.destroy();
  }
}

/** Every outcome received, grouped by id in arrival order: a replay adds to its id's list. */
export function byId(outcomes: readonly PostingOutcomeMessage[]): Map<string, PostingOutcomeMessage[]> {
  const map = new Map<string, PostingOutcomeMessage[]>();
  for (const outcome of outcomes) map.set(outcome.id, [...(map.get(outcome.id) ?? []), outcome]);
  return map;
}
