// Turns one queue message (from sqs-consumer or from a Lambda SQS event) into the postings it
// carries, or into a refusal. A refused message is never applied, in whole or in part
// (contracts' decodePostingMessage); it is logged here and left for the dead-letter queue.
import { decodePostingMessage, type Posting } from '@flow/contracts';
import type { Logger } from '@flow/service-kit';

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  /** SQS ApproximateReceiveCount: how many times this message was handed out, this time included. */
  readonly receiveCount: number;
}

export type DecodedMessage<Source> =
  | { readonly ok: true; readonly source: Source; readonly postings: readonly Posting[] }
  | { readonly ok: false; readonly source: Source };

export function decodeQueueMessage<Source>(message: QueueMessage, source: Source, logger: Logger): DecodedMessage<Source> {
  const decoding = decodePostingMessage(message.body);
  if (decoding.ok) return { ok: true, source, postings: decoding.postings };
  logger.warn('message_malformed', {
    messageId: message.messageId,
    problem: decoding.problem,
    errors: decoding.errors?.slice(0, malformedErrorsLoggedMax),
    receiveCount: message.receiveCount,
  });
  return { ok: false, source };
}

/** Field errors of one malformed message written to its log line; the rest are counted. */
const malformedErrorsLoggedMax = 10;

export function receiveCountOf(attributes: Readonly<Record<string, string | undefined>> | undefined): number {
  const count = Number(attributes?.ApproximateReceiveCount ?? '0');
  return Number.isSafeInteger(count) ? count : 0;
}
