// The posting contract (lançamento): what producers send, what travels on the broker and what
// the ledger engine applies. Ingest validates every posting with `validatePostingDraft` (HTTP
// 400 on failure) before it publishes anything; the worker checks messages with
// `validatePosting`, so one that did not come through ingest cannot smuggle a malformed posting
// into the ledger. A valid posting is one PostgreSQL stores exactly as sent: text without NUL or
// unpaired surrogates, `details` numbers a double holds exactly (parse bodies with
// `parseExactJson`), `details` no deeper than `detailsDepthMax`.
import type { ValidationCode } from './codes.ts';
import { InexactNumber, textStorable } from './exact-json.ts';
import {
  amountDecimalPlacesMax,
  amountIntegerDigitsMax,
  descriptionLengthMax,
  detailsBytesMax,
  detailsDepthMax,
  eventCodeMax,
  eventCodeMin,
  producerLengthMax,
} from './limits.ts';
import { accountPattern, branchPattern, traceIdPattern, uuidPattern } from './patterns.ts';

export type DebitCredit = 'D' | 'C';

/** A valid posting, normalized: amount with exactly two decimals, ids in lower case. */
export interface Posting {
  readonly id: string;
  readonly traceKey: string;
  readonly branch: string;
  readonly account: string;
  /** Decimal string with exactly two decimals, e.g. "8.00". */
  readonly amount: string;
  readonly debitCredit: DebitCredit;
  readonly eventCode: number;
  readonly description: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
  /** Business date "YYYY-MM-DD". */
  readonly dateRef: string;
  /**
   * The id of the posting this one reverses (estorno), in lower case; absent or null for a plain
   * posting. The engine checks the original (docs/engine.md, "Reversals").
   */
  readonly reverses?: string | null;
  /**
   * Who posted it: ingest stamps the token's `client_id` (else its subject). Never taken from a
   * client (a draft with `producer` is refused as an unknown field); absent when the token named
   * no one, or in messages published before producers were stamped.
   */
  readonly producer?: string;
  /**
   * The W3C trace id of the request that carried it: ingest stamps it (from the request's
   * `traceparent`, else a new one), never a client; the worker's batch links to it and the
   * outcome carries it back. Absent in messages from before it was stamped.
   */
  readonly traceId?: string;
}

/** A valid posting before ingest assigned its `id` and `traceKey` (both optional for clients). */
export type PostingDraft = Omit<Posting, 'id' | 'traceKey' | 'producer' | 'traceId'> & {
  readonly id: string | null;
  readonly traceKey: string | null;
};

export interface FieldError {
  /** An RFC 6901 pointer into the posting without its leading slash (`amount`, `details/a~1b`); empty for the whole posting. */
  readonly field: string;
  readonly code: ValidationCode;
}

export type PostingValidation<T> =
  | { readonly ok: true; readonly posting: T }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const postingFields = new Set([
  'id', 'traceKey', 'branch', 'account', 'amount', 'debitCredit', 'eventCode', 'description', 'details', 'dateRef',
  'reverses',
]);
const amountPattern = /^(\d+)(?:\.(\d+))?$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates a posting from a client; `id` and `traceKey` may be absent (ingest assigns them). */
export function validatePostingDraft(input: unknown): PostingValidation<PostingDraft> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', code: 'posting_not_object' }] };
  }
  const fields = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const field in fields) {
    if (!postingFields.has(field)) errors.push({ field: pointerToken(field), code: 'field_unknown' });
  }
  const id = optionalUuid(fields.id, 'id', 'id_invalid', errors);
  const traceKey = optionalUuid(fields.traceKey, 'traceKey', 'trace_key_invalid', errors);
  const branch = requiredPattern(fields.branch, 'branch', branchPattern, 'branch_invalid', errors);
  const account = requiredPattern(fields.account, 'account', accountPattern, 'account_invalid', errors);
  const amount = normalizeAmount(fields.amount, errors);
  const debitCredit = fields.debitCredit;
  if (debitCredit === undefined) errors.push({ field: 'debitCredit', code: 'field_required' });
  else if (debitCredit !== 'D' && debitCredit !== 'C') errors.push({ field: 'debitCredit', code: 'debit_credit_invalid' });
  const eventCode = fields.eventCode;
  if (eventCode === undefined) errors.push({ field: 'eventCode', code: 'field_required' });
  else if (!Number.isInteger(eventCode) || (eventCode as number) < eventCodeMin || (eventCode as number) > eventCodeMax) {
    errors.push({ field: 'eventCode', code: 'event_code_invalid' });
  }
  const description = validateDescription(fields.description, errors);
  const details = validateDetails(fields.details, errors);
  const dateRef = fields.dateRef;
  if (dateRef === undefined) errors.push({ field: 'dateRef', code: 'field_required' });
  else if (!isCalendarDate(dateRef)) errors.push({ field: 'dateRef', code: 'date_ref_invalid' });
  const reverses = optionalUuid(fields.reverses, 'reverses', 'reverses_invalid', errors);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    posting: {
      id, traceKey, branch: branch!, account: account!, amount: amount!,
      debitCredit: debitCredit as DebitCredit, eventCode: eventCode as number,
      description, details, dateRef: dateRef as string,
      // Only a reversal carries the field, so plain postings keep their shape on the wire.
      ...(reverses === null ? {} : { reverses }),
    },
  };
}

/** Validates a posting as applied by the engine: `id` and `traceKey` are required. */
export function validatePosting(input: unknown): PostingValidation<Posting> {
  const { producer, traceId, ...fields } = (isObject(input) ? input : {}) as Record<string, unknown>;
  const draft = validatePostingDraft(isObject(input) ? fields : input);
  if (!draft.ok) return draft;
  const errors: FieldError[] = [];
  if (draft.posting.id === null) errors.push({ field: 'id', code: 'field_required' });
  if (draft.posting.traceKey === null) errors.push({ field: 'traceKey', code: 'field_required' });
  const validProducer = producer === undefined || producer === null || isProducer(producer);
  if (!validProducer) errors.push({ field: 'producer', code: 'producer_invalid' });
  const validTraceId = traceId === undefined || (typeof traceId === 'string' && traceIdPattern.test(traceId));
  if (!validTraceId) errors.push({ field: 'traceId', code: 'trace_id_invalid' });
  if (errors.length > 0) return { ok: false, errors };
  const posting = draft.posting as Posting;
  return {
    ok: true,
    posting: { ...posting, ...(typeof producer === 'string' ? { producer } : {}), ...(typeof traceId === 'string' ? { traceId } : {}) },
  };
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** A producer as ingest stamps it: a token's `client_id` or `sub`, storable text of bounded length. */
export function isProducer(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= producerLengthMax && textStorable(value);
}

function optionalUuid(value: unknown, field: string, code: ValidationCode, errors: FieldError[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !uuidPattern.test(value)) {
    errors.push({ field, code });
    return null;
  }
  return value.toLowerCase();
}

function requiredPattern(
  value: unknown, field: string, pattern: RegExp, code: ValidationCode, errors: FieldError[],
): string | null {
  if (value === undefined) {
    errors.push({ field, code: 'field_required' });
    return null;
  }
  if (typeof value !== 'string' || !pattern.test(value)) {
    errors.push({ field, code });
    return null;
  }
  return value;
}

/** "8" → "8.00", "8.5" → "8.50"; numbers are refused: a JSON number is a binary float. */
function normalizeAmount(value: unknown, errors: FieldError[]): string | null {
  if (value === undefined) {
    errors.push({ field: 'amount', code: 'field_required' });
    return null;
  }
  const code = amountError(value);
  if (code !== null) {
    errors.push({ field: 'amount', code });
    return null;
  }
  const [, integerDigits, decimals = ''] = amountPattern.exec(value as string)!;
  const integer = integerDigits!.replace(/^0+(?=\d)/, '');
  return `${integer}.${decimals.padEnd(amountDecimalPlacesMax, '0')}`;
}

function amountError(value: unknown): ValidationCode | null {
  if (typeof value !== 'string') return 'amount_invalid_format';
  if (/^-\d+(\.\d+)?$/.test(value)) return 'amount_not_positive';
  const match = amountPattern.exec(value);
  if (match === null) return 'amount_invalid_format';
  const [, integerDigits, decimals = ''] = match;
  if (decimals.length > amountDecimalPlacesMax) return 'amount_too_many_decimals';
  if (integerDigits!.replace(/^0+/, '').length > amountIntegerDigitsMax) return 'amount_above_maximum';
  if (/^0*$/.test(integerDigits!) && /^0*$/.test(decimals)) return 'amount_not_positive';
  return null;
}

function validateDescription(value: unknown, errors: FieldError[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > descriptionLengthMax) {
    errors.push({ field: 'description', code: 'description_invalid' });
    return null;
  }
  if (!textStorable(value)) {
    errors.push({ field: 'description', code: 'text_character_invalid' });
    return null;
  }
  return value;
}

function validateDetails(value: unknown, errors: FieldError[]): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof InexactNumber) {
    errors.push({ field: 'details', code: 'details_invalid' });
    return null;
  }
  const problem = detailsProblem(value);
  if (problem !== null) {
    errors.push(problem);
    return null;
  }
  if (jsonBytes(value) > detailsBytesMax) {
    errors.push({ field: 'details', code: 'details_invalid' });
    return null;
  }
  return value as Record<string, unknown>;
}

/**
 * The first value of `details` PostgreSQL would refuse or change, as a field error whose field is
 * a JSON Pointer into the posting (`details/a/0`). Iterative, so no nesting overflows the stack;
 * it stops at the first level beyond `detailsDepthMax`.
 */
function detailsProblem(root: object): FieldError | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: 'details', depth: 1 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (value instanceof InexactNumber) return { field: path, code: 'details_number_inexact' };
    if (typeof value === 'string') {
      if (!textStorable(value)) return { field: path, code: 'text_character_invalid' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > detailsDepthMax) return { field: path, code: 'details_too_deep' };
    for (const [key, child] of Object.entries(value)) {
      if (!textStorable(key)) return { field: path, code: 'text_character_invalid' };
      pending.push({ value: child, path: `${path}/${pointerToken(key)}`, depth: depth + 1 });
    }
  }
  return null;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
function pointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  // Fast path: a string of n UTF-16 units has at most 3n UTF-8 bytes.
  return text.length * 3 <= detailsBytesMax ? text.length : Buffer.byteLength(text, 'utf8');
}

/** True for "YYYY-MM-DD" naming a real day of the proleptic Gregorian calendar. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = datePattern.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
