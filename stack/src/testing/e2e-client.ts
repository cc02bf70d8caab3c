// What the end-to-end suites do as a producer would: post to ingest over HTTP with a bearer
// token, read the outcomes from the callback topic (through the flow-callback-local tap queue),
// and read back through the query API.
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { decodeOutcomeMessage, type PostingOutcomeMessage } from '@flow/contracts';
import { createSqsClient, scopes, signEmbeddedToken } from '@flow/service-kit';
import type { LocalStack } from '../local-stack.ts';

export async function tokenFor(stack: LocalStack): Promise<string> {
  return signEmbeddedToken({ secret: stack.secret, scopes: [...scopes] });
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

export async function call(url: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
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
  const sqs = createSqsClient({ region: stack.broker.region, endpoint: stack.broker.endpoint });
  const received: PostingOutcomeMessage[] = [];
  const deadline = Date.now() + deadlineMs;
  try {
    while (wanted.size > 0 && Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: stack.broker.callbackTapQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages) {
        for (const outcome of decodeOutcomeMessage(message.Body ?? '').outcomes) {
          received.push(outcome);
          wanted.delete(outcome.id);
        }
      }
      if (Messages.length > 0) {
        await sqs.send(new DeleteMessageBatchCommand({
          QueueUrl: stack.broker.callbackTapQueueUrl,
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }));
      }
    }
  } finally {
    sqs.destroy();
  }
  if (wanted.size > 0) throw new Error(`no outcome within ${deadlineMs} ms for ${wanted.size} ids, e.g. ${[...wanted][0]}`);
  return received;
}

/** Messages waiting or in flight on a queue. */
export async function queueDepth(stack: LocalStack, queueUrl: string): Promise<number> {
  const sqs = createSqsClient({ region: stack.broker.region, endpoint: stack.broker.endpoint });
  try {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }));
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  } finally {
    sqs.destroy();
  }
}

/** One outcome per id: the latest per id when replays were received too. */
export function byId(outcomes: readonly PostingOutcomeMessage[]): Map<string, PostingOutcomeMessage[]> {
  const map = new Map<string, PostingOutcomeMessage[]>();
  for (const outcome of outcomes) map.set(outcome.id, [...(map.get(outcome.id) ?? []), outcome]);
  return map;
}

/** Resolves once `condition` holds, polling; fails after the deadline. For states, not timings. */
export async function eventually(condition: () => Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
