// The body of `POST /v1/transactions` as data: one posting or `{ "transactions": [...] }`,
// validated as a whole (any invalid item fails the request, so nothing is published), then
// completed with an `id` (UUIDv7) and a `traceKey` where the client sent none. Pure: no I/O.
import {
  limits,
  validatePostingDraft,
  validationCodes,
  type ApiErrorCode,
  type FieldError,
  type Posting,
  type PostingDraft,
} from '@flow/contracts';
import { v7 as uuidv7 } from 'uuid';

export type RequestForm = 'single' | 'batch';
/** The API errors a body can earn before anything is published (both 400). */
export type RequestRefusal = Extract<ApiErrorCode, 'validation_failed' | 'too_many_postings'>;

export interface InvalidItem {
  readonly index: number;
  readonly errors: readonly { field: string; code: string; number: string; message: string }[];
}

export type PostingRequestParse =
  | { readonly ok: true; readonly form: RequestForm; readonly drafts: readonly PostingDraft[] }
  | { readonly ok: false; readonly code: RequestRefusal; readonly details: unknown; readonly itemCount: number };

export function parsePostingRequest(body: unknown): PostingRequestParse {
  const isBatch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'transactions' in body;
  if (!isBatch) return validateItems('single', [body]);
  const batch = body as Record<string, unknown>;
  const extraFields = Object.keys(batch).filter((field) => field !== 'transactions');
  if (extraFields.length > 0) {
    return refuse('validation_failed', { problem: 'a batch holds only "transactions"', fields: extraFields }, 0);
  }
  const items = batch.transactions;
  if (!Array.isArray(items) || items.length === 0) {
    return refuse('validation_failed', { problem: '"transactions" must be a non-empty array of postings' }, 0);
  }
  if (items.length > limits.requestPostingsMax) {
    return refuse('too_many_postings', { count: items.length, max: limits.requestPostingsMax }, items.length);
  }
  return validateItems('batch', items);
}

function validateItems(form: RequestForm, items: readonly unknown[]): PostingRequestParse {
  const drafts: PostingDraft[] = [];
  const invalid: InvalidItem[] = [];
  let itemErrorsTotal = 0;
  let listed = 0;
  items.forEach((item, index) => {
    const validation = validatePostingDraft(item);
    if (validation.ok) {
      drafts.push(validation.posting);
      return;
    }
    // The answer lists the first `errorItemsMax` field errors only (in request order), so a large
    // bad request never earns a larger answer; `itemErrorsTotal` counts them all.
    itemErrorsTotal += validation.errors.length;
    const room = limits.errorItemsMax - listed;
    if (room <= 0) return;
    const errors = validation.errors.slice(0, room).map(describeFieldError);
    listed += errors.length;
    invalid.push({ index, errors });
  });
  if (itemErrorsTotal > 0) return refuse('validation_failed', { items: invalid, itemErrorsTotal }, items.length);
  return { ok: true, form, drafts };
}

function describeFieldError({ field, code }: FieldError): InvalidItem['errors'][number] {
  const { number, message } = validationCodes[code];
  return { field, code, number, message };
}

function refuse(code: RequestRefusal, details: unknown, itemCount: number): PostingRequestParse {
  return { ok: false, code, details, itemCount };
}

/**
 * Gives each posting its id (the client's, else a new UUIDv7, time-ordered for the index) and
 * its traceKey: the client's, else one new traceKey shared by every posting of this request that
 * came without one, so a request can be followed through the whole flow; and stamps each with its
 * producer (the token's client_id or subject), which no client field can set, and with the
 * request's W3C trace id, so the worker's batch and the outcome name the request's trace.
 */
export function completePostings(drafts: readonly PostingDraft[], producer: string | null = null, traceId: string | null = null): Posting[] {
  const requestTraceKey = uuidv7();
  const stamp = { ...(producer === null ? {} : { producer }), ...(traceId === null ? {} : { traceId }) };
  return drafts.map((draft) => ({ ...draft, id: draft.id ?? uuidv7(), traceKey: draft.traceKey ?? requestTraceKey, ...stamp }));
}

export interface AcceptedPosting {
  readonly id: string;
  readonly traceKey: string;
}

/** The 202 body: `{ id, traceKey }` for one posting, `{ transactions: [...] }` in request order. */
export function acceptedBody(form: RequestForm, postings: readonly Posting[]): AcceptedPosting | { transactions: AcceptedPosting[] } {
  const accepted = postings.map(({ id, traceKey }) => ({ id, traceKey }));
  return form === 'single' ? accepted[0]! : { transactions: accepted };
}

export interface ForbiddenBranches {
  /** The first `errorItemsMax` postings outside the token's branches, in request order. */
  readonly items: readonly { index: number; branch: string }[];
  readonly itemErrorsTotal: number;
}

/** The postings whose branch the token may not touch, or null when it may touch them all. */
export function forbiddenBranches(drafts: readonly PostingDraft[], mayAccess: (branch: string) => boolean): ForbiddenBranches | null {
  const items: { index: number; branch: string }[] = [];
  let itemErrorsTotal = 0;
  drafts.forEach(({ branch }, index) => {
    if (mayAccess(branch)) return;
    itemErrorsTotal += 1;
    if (items.length < limits.errorItemsMax) items.push({ index, branch });
  });
  return itemErrorsTotal === 0 ? null : { items, itemErrorsTotal };
}
