// Turns one queue message (from sqs-consumer or from a Lambda SQS event) into the postings it
// carries, or into a refusal. A message that cannot be decoded (not JSON, an unknown kind or
// version, no postings, too large) is logged here and left for the dead-letter queue. A
// decodable message (published past ingest) with postings that fail the contract keeps its valid
// postings: each invalid posting whose id can be read (a UUID) becomes a rejected outcome,
// `posting_invalid`, that goes to the callback topic with its batch; one posting whose id cannot
// be read makes the whole message malformed, since no outcome could name it.
import { decodePostingMessage, isCalendarDate, parseExactJson, uuidPattern, validatePosting, type Posting } from '@flow/contracts';
import type { PostingOutcome } from '@flow/ledger-core';
import type { Logger } from '@flow/service-kit';
import type { BatchEntry } from '../batch/batch-applier.ts';

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  /** SQS ApproximateReceiveCount: how many times this message was handed out, this time included. */
  readonly receiveCount: number;
  /** SQS SentTimestamp (epoch ms): when the queue received it, right after ingest's publish. */
  readonly sentAtMs?: number;
}

export type DecodedMessage<Source> =
  | { readonly ok: true; readonly source: Source; readonly entry: BatchEntry }
  | { readonly ok: false; readonly source: Source };

export function decodeQueueMessage<Source>(message: QueueMessage, source: Source, logger: Logger): DecodedMessage<Source> {
  const decoding = decodePostingMessage(message.body);
  const sentAtMs = message.sentAtMs;
  if (decoding.ok) return { ok: true, source, entry: { messageId: message.messageId, postings: decoding.postings, refused: [], sentAtMs } };
  const partial = decoding.problem === 'postings_invalid' ? splitInvalid(message.body) : null;
  if (partial !== null) {
    for (const outcome of partial.refused) {
      const errors = decoding.errors?.find((item) => item.index === outcome.index)?.errors.slice(0, malformedErrorsLoggedMax);
      logger.warn('posting_rejected', { id: outcome.id, traceKey: outcome.traceKey, reason: 'posting_invalid', messageId: message.messageId, errors });
    }
    const refused = partial.refused.map(({ index: _index, ...outcome }) => outcome);
    return { ok: true, source, entry: { messageId: message.messageId, postings: partial.postings, refused, sentAtMs } };
  }
  logger.warn('message_malformed', {
    messageId: message.messageId,
    problem: decoding.problem,
    errors: decoding.errors?.slice(0, malformedErrorsLoggedMax),
    receiveCount: message.receiveCount,
  });
  return { ok: false, source };
}

/** Field errors of one malformed message (or refused posting) written to its log line; the rest are counted. */
const malformedErrorsLoggedMax = 10;

/**
 * The valid postings and the refused outcomes of a message whose envelope decoded, or null when
 * an invalid posting has no readable id. Each item is validated again exactly as
 * `decodePostingMessage` does (the same exact parse, `validatePosting`), so the worker applies
 * nothing the contract would refuse.
 */
function splitInvalid(body: string): { postings: Posting[]; refused: (PostingOutcome & { index: number })[] } | null {
  const items = (parseExactJson(body) as { postings: unknown[] }).postings;
  const postings: Posting[] = [];
  const refused: (PostingOutcome & { index: number })[] = [];
  for (const [index, item] of items.entries()) {
    const validation = validatePosting(item);
    if (validation.ok) {
      postings.push(validation.posting);
      continue;
    }
    const outcome = refusedOutcome(item);
    if (outcome === null) return null;
    refused.push({ ...outcome, index });
  }
  return { postings, refused };
}

/** The outcome of an invalid posting, or null when its id is not a UUID. Unreadable fields are ''. */
function refusedOutcome(item: unknown): PostingOutcome | null {
  if (typeof item !== 'object' || item === null) return null;
  const fields = item as Record<string, unknown>;
  const text = (value: unknown, valid: (text: string) => boolean) => (typeof value === 'string' && valid(value) ? value : '');
  const id = text(fields.id, (value) => uuidPattern.test(value));
  if (id === '') return null;
  const bounded = (value: string) => value.length <= refusedFieldLengthMax;
  return {
    id,
    traceKey: text(fields.traceKey, (value) => uuidPattern.test(value)),
    branch: text(fields.branch, bounded),
    account: text(fields.account, bounded),
    dateRef: text(fields.dateRef, isCalendarDate),
    status: 'rejected',
    reason: 'posting_invalid',
    replay: false,
  };
}

/** Longest branch or account text echoed back in a refused outcome; longer ones are sent as ''. */
const refusedFieldLengthMax = 64;

/** SQS SentTimestamp in epoch ms, or undefined when absent or unreadable. */
export function sentAtOf(attributes: Readonly<Record<string, string | undefined>> | undefined): number | undefined {
  const sentAt = Number(attributes?.SentTimestamp);
  return Number.isSafeInteger(sentAt) && sentAt > 0 ? sentAt : undefined;
}

export function receiveCountOf(attributes: Readonly<Record<string, string | undefined>> | undefined): number {
  const count = Number(attributes?.ApproximateReceiveCount ?? '0');
  return Number.isSafeInteger(count) ? count : 0;
}
