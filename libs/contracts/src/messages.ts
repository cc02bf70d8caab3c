// The broker message envelopes. Ingest publishes a `PostingMessage` (many postings per message)
// to the request topic; the worker reads it from the transaction queue and publishes an
// `OutcomeMessage` per outbox row (chunked to the message size limit) to the callback topic.
// Both carry a `kind` and a `version`, so a consumer can refuse what it does not understand.
import type { RejectionCode } from './codes.ts';
import { parseExactJson } from './exact-json.ts';
import { messageBytesMax } from './limits.ts';
import { validatePosting, type FieldError, type Posting } from './posting.ts';

export const postingMessageKind = 'flow.postings';
export const outcomeMessageKind = 'flow.outcomes';
export const messageVersion = 1;

export interface PostingMessage {
  readonly kind: typeof postingMessageKind;
  readonly version: typeof messageVersion;
  readonly postings: readonly Posting[];
}

/** What the ledger decided about one posting, as producers receive it on the callback topic. */
export interface PostingOutcomeMessage {
  readonly id: string;
  readonly traceKey: string;
  readonly branch: string;
  readonly account: string;
  readonly dateRef: string;
  readonly status: 'posted' | 'rejected';
  readonly reason: RejectionCode | null;
  /** True when this was a repeat of a posting already decided; the outcome is the original. */
  readonly replay: boolean;
}

export interface OutcomeMessage {
  readonly kind: typeof outcomeMessageKind;
  readonly version: typeof messageVersion;
  readonly outcomes: readonly PostingOutcomeMessage[];
}

export function encodePostingMessage(postings: readonly Posting[]): string {
  const message: PostingMessage = { kind: postingMessageKind, version: messageVersion, postings };
  return JSON.stringify(message);
}

export type MessageDecoding =
  | { readonly ok: true; readonly postings: readonly Posting[] }
  | { readonly ok: false; readonly problem: string; readonly errors?: readonly { index: number; errors: readonly FieldError[] }[] };

/**
 * Reads a posting message from the queue. Anything that is not exactly a version-1 posting
 * message of valid postings is refused as a whole: the worker never applies part of a message.
 */
export function decodePostingMessage(body: string): MessageDecoding {
  if (Buffer.byteLength(body, 'utf8') > messageBytesMax) return { ok: false, problem: 'message_too_large' };
  let parsed: unknown;
  try {
    parsed = parseExactJson(body);
  } catch {
    return { ok: false, problem: 'not_json' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, problem: 'not_an_object' };
  const message = parsed as Record<string, unknown>;
  if (message.kind !== postingMessageKind) return { ok: false, problem: 'kind_unknown' };
  if (message.version !== messageVersion) return { ok: false, problem: 'version_unknown' };
  if (!Array.isArray(message.postings) || message.postings.length === 0) return { ok: false, problem: 'postings_missing' };
  const postings: Posting[] = [];
  const errors: { index: number; errors: readonly FieldError[] }[] = [];
  message.postings.forEach((item: unknown, index: number) => {
    const validation = validatePosting(item);
    if (validation.ok) postings.push(validation.posting);
    else errors.push({ index, errors: validation.errors });
  });
  if (errors.length > 0) return { ok: false, problem: 'postings_invalid', errors };
  return { ok: true, postings };
}

/**
 * Packs outcomes into callback messages of at most `bytesMax` bytes each, in order. Each
 * outcome is small (about 250 bytes), so a chunk never needs to split one.
 */
export function encodeOutcomeMessages(
  outcomes: readonly PostingOutcomeMessage[],
  bytesMax: number = messageBytesMax,
): string[] {
  const envelopeBytes = Buffer.byteLength(JSON.stringify({ kind: outcomeMessageKind, version: messageVersion, outcomes: [] }));
  const bodies: string[] = [];
  let chunk: string[] = [];
  let chunkBytes = envelopeBytes;
  for (const outcome of outcomes) {
    const text = JSON.stringify(outcome);
    const bytes = Buffer.byteLength(text) + 1;
    if (chunk.length > 0 && chunkBytes + bytes > bytesMax) {
      bodies.push(outcomeBody(chunk));
      chunk = [];
      chunkBytes = envelopeBytes;
    }
    chunk.push(text);
    chunkBytes += bytes;
  }
  if (chunk.length > 0) bodies.push(outcomeBody(chunk));
  return bodies;
}

function outcomeBody(outcomeTexts: readonly string[]): string {
  return `{"kind":"${outcomeMessageKind}","version":${messageVersion},"outcomes":[${outcomeTexts.join(',')}]}`;
}

export function decodeOutcomeMessage(body: string): OutcomeMessage {
  const message = JSON.parse(body) as OutcomeMessage;
  if (message.kind !== outcomeMessageKind || message.version !== messageVersion) {
    throw new Error(`not a version-${messageVersion} outcome message`);
  }
  return message;
}
