// The broker message envelopes. Ingest publishes a `PostingMessage` (many postings per message)
// to the request topic; the worker reads it from the transaction queue and publishes an
// `OutcomeMessage` per outbox row (chunked to the message size limit) to the callback topic,
// and, when the batch changed stored days, `BalanceChangeMessage`s (one branch each) beside it.
// All carry a `kind` and a `version`, so a consumer can refuse what it does not understand.
import type { RejectionCode } from './codes.ts';
import { parseExactJson } from './exact-json.ts';
import { messageBytesMax } from './limits.ts';
import { validatePosting, type FieldError, type Posting } from './posting.ts';

export const postingMessageKind = 'flow.postings';
export const outcomeMessageKind = 'flow.outcomes';
export const balanceChangeMessageKind = 'flow.balance-changes';
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
  /** Who posted it (the ingest token's `client_id` or subject); absent when unknown. */
  readonly producer?: string;
  /** The W3C trace id of the request that sent this posting (ingest's), so the three services' spans and logs join. */
  readonly traceId?: string;
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
  return chunkOutcomes(outcomes, bytesMax).map((chunk) => outcomeBody(chunk.texts));
}

/** One callback message: its body and the SNS message attributes a subscription filters on. */
export interface CallbackMessage {
  readonly body: string;
  readonly attributes: CallbackAttributes;
}

export interface CallbackAttributes {
  readonly kind: typeof outcomeMessageKind | typeof balanceChangeMessageKind;
  readonly version: string;
  /** Present when the outcomes came through ingest with a token naming its producer. */
  readonly producer?: string;
  /** Present when every outcome of the message is of this one branch. */
  readonly branch?: string;
}

/** Bytes kept for the message attributes: SNS counts them towards its 256 KiB message limit. */
export const callbackAttributesBytesMax = 1_024;

/**
 * The callback messages of a batch's outcomes, routable: one message holds the outcomes of one
 * producer only (a producer's subscription `FilterPolicy` on `producer` then receives its own
 * outcomes and no other's), split when needed so body and attributes stay within `bytesMax`.
 * Producers appear in the order of their first outcome; within one, outcomes keep batch order.
 */
export function encodeCallbackMessages(
  outcomes: readonly PostingOutcomeMessage[],
  bytesMax: number = messageBytesMax,
): CallbackMessage[] {
  const byProducer = new Map<string | undefined, PostingOutcomeMessage[]>();
  for (const outcome of outcomes) {
    const group = byProducer.get(outcome.producer);
    if (group === undefined) byProducer.set(outcome.producer, [outcome]);
    else group.push(outcome);
  }
  const messages: CallbackMessage[] = [];
  for (const [producer, group] of byProducer) {
    for (const chunk of chunkOutcomes(group, bytesMax - callbackAttributesBytesMax)) {
      const branches = new Set(chunk.outcomes.map((outcome) => outcome.branch));
      const attributes: CallbackAttributes = {
        kind: outcomeMessageKind,
        version: String(messageVersion),
        ...(producer === undefined ? {} : { producer }),
        ...(branches.size === 1 ? { branch: chunk.outcomes[0]!.branch } : {}),
      };
      messages.push({ body: outcomeBody(chunk.texts), attributes });
    }
  }
  return messages;
}

interface OutcomeChunk {
  readonly outcomes: PostingOutcomeMessage[];
  readonly texts: string[];
}

function chunkOutcomes(outcomes: readonly PostingOutcomeMessage[], bytesMax: number): OutcomeChunk[] {
  const envelopeBytes = Buffer.byteLength(JSON.stringify({ kind: outcomeMessageKind, version: messageVersion, outcomes: [] }));
  const chunks: OutcomeChunk[] = [];
  let chunk: OutcomeChunk = { outcomes: [], texts: [] };
  let chunkBytes = envelopeBytes;
  for (const outcome of outcomes) {
    const text = JSON.stringify(outcome);
    const bytes = Buffer.byteLength(text) + 1;
    if (chunk.texts.length > 0 && chunkBytes + bytes > bytesMax) {
      chunks.push(chunk);
      chunk = { outcomes: [], texts: [] };
      chunkBytes = envelopeBytes;
    }
    chunk.outcomes.push(outcome);
    chunk.texts.push(text);
    chunkBytes += bytes;
  }
  if (chunk.texts.length > 0) chunks.push(chunk);
  return chunks;
}

function outcomeBody(outcomeTexts: readonly string[]): string {
  return `{"kind":"${outcomeMessageKind}","version":${messageVersion},"outcomes":[${outcomeTexts.join(',')}]}`;
}

/**
 * An account-day whose closing balance a committed batch changed: a backdated posting changes
 * its own day and every later stored day of the account, and downstream systems (interest,
 * fees, IOF) recompute exactly those. Amounts are decimal strings with two decimals.
 */
export interface BalanceChange {
  readonly branch: string;
  readonly account: string;
  /** Business date "YYYY-MM-DD". */
  readonly dateRef: string;
  /** The day's closing balance before the batch ("0.00" for a day before the account's first). */
  readonly closingBalanceBefore: string;
  readonly closingBalanceAfter: string;
}

export interface BalanceChangeMessage {
  readonly kind: typeof balanceChangeMessageKind;
  readonly version: typeof messageVersion;
  readonly branch: string;
  readonly changes: readonly BalanceChange[];
}

/**
 * The balance-change messages of a batch: balance changes belong to accounts, not producers, so
 * one message holds the changes of one branch only and carries the attributes `kind`, `version`
 * and `branch` (never `producer`: a producer's FilterPolicy does not receive them), split when
 * needed so body and attributes stay within `bytesMax`. Branches in order of first change.
 */
export function encodeBalanceChangeMessages(
  changes: readonly BalanceChange[],
  bytesMax: number = messageBytesMax,
): CallbackMessage[] {
  const byBranch = new Map<string, BalanceChange[]>();
  for (const change of changes) {
    const group = byBranch.get(change.branch);
    if (group === undefined) byBranch.set(change.branch, [change]);
    else group.push(change);
  }
  const messages: CallbackMessage[] = [];
  for (const [branch, group] of byBranch) {
    const head = `{"kind":"${balanceChangeMessageKind}","version":${messageVersion},"branch":${JSON.stringify(branch)},"changes":[`;
    const attributes: CallbackAttributes = { kind: balanceChangeMessageKind, version: String(messageVersion), branch };
    for (const texts of chunkTexts(group.map((change) => JSON.stringify(change)), Buffer.byteLength(head) + 2, bytesMax - callbackAttributesBytesMax)) {
      messages.push({ body: `${head}${texts.join(',')}]}`, attributes });
    }
  }
  return messages;
}

/** Packs JSON texts into groups whose joined size plus `envelopeBytes` stays within `bytesMax`. */
function chunkTexts(texts: readonly string[], envelopeBytes: number, bytesMax: number): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chunkBytes = envelopeBytes;
  for (const text of texts) {
    const bytes = Buffer.byteLength(text) + 1;
    if (chunk.length > 0 && chunkBytes + bytes > bytesMax) {
      chunks.push(chunk);
      chunk = [];
      chunkBytes = envelopeBytes;
    }
    chunk.push(text);
    chunkBytes += bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export function decodeBalanceChangeMessage(body: string): BalanceChangeMessage {
  const message = JSON.parse(body) as BalanceChangeMessage;
  if (message.kind !== balanceChangeMessageKind || message.version !== messageVersion) {
    throw new Error(`not a version-${messageVersion} balance-change message`);
  }
  return message;
}

export function decodeOutcomeMessage(body: string): OutcomeMessage {
  const message = JSON.parse(body) as OutcomeMessage;
  if (message.kind !== outcomeMessageKind || message.version !== messageVersion) {
    throw new Error(`not a version-${messageVersion} outcome message`);
  }
  return message;
}
