// The body of `POST /v1/transactions` as data: one posting or `{ "transactions": [...] }`,
// validated as a whole (any invalid item fails the request, so nothing is published), then
// completed with an `id` (UUIDv7) and a `traceKey` where the client sent none. Pure: no I/O.
import {
  errorsDetail,
  jsonPointer,
  limits,
  validatePostingDraft,
  validationCodes,
  type ApiErrorCode,
  type FieldError,
  type Posting,
  type PostingDraft,
  type ProblemError,
  type schemas,
  type Static,
} from '@flow/contracts';
import type { ProblemExtras } from '@flow/service-kit';
import { v7 as uuidv7 } from 'uuid';

export type RequestForm = 'single' | 'batch';
/** The API errors a body can earn before anything is published (both 400). */
export type RequestRefusal = Extract<ApiErrorCode, 'validation_failed' | 'too_many_postings'>;

export type PostingRequestParse =
  | { readonly ok: true; readonly form: RequestForm; readonly drafts: readonly PostingDraft[] }
  | {
    readonly ok: false; readonly code: RequestRefusal; readonly details?: unknown; readonly extras: ProblemExtras;
    readonly itemCount: number;
  };

export function parsePostingRequest(body: unknown): PostingRequestParse {
  const isBatch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'transactions' in body;
  if (!isBatch) return validateItems('single', [body]);
  const batch = body as Record<string, unknown>;
  const extraFields = Object.keys(batch).filter((field) => field !== 'transactions');
  if (extraFields.length > 0) {
    const errors = extraFields.map((field): ProblemError => ({
      pointer: jsonPointer(field), code: 'field_unknown', message: 'a batch holds only "transactions"',
    }));
    return refuse('validation_failed', { detail: errorsDetail(errors.length), errors }, 0);
  }
  const items = batch.transactions;
  if (!Array.isArray(items) || items.length === 0) {
    const message = '"transactions" must be a non-empty array of postings';
    return refuse('validation_failed', { detail: message, errors: [{ pointer: '/transactions', code: 'body_invalid', message }] }, 0);
  }
  if (items.length > limits.requestPostingsMax) {
    const detail = `the request holds ${items.length} postings; at most ${limits.requestPostingsMax} are allowed`;
    return refuse('too_many_postings', { detail }, items.length, { count: items.length, max: limits.requestPostingsMax });
  }
  return validateItems('batch', items);
}

function validateItems(form: RequestForm, items: readonly unknown[]): PostingRequestParse {
  const drafts: PostingDraft[] = [];
  const errors: ProblemError[] = [];
  let errorsTotal = 0;
  items.forEach((item, index) => {
    const validation = validatePostingDraft(item);
    if (validation.ok) {
      drafts.push(validation.posting);
      return;
    }
    // The answer lists the first `errorItemsMax` field errors only (in request order), so a large
    // bad request never earns a larger answer; `errorsTotal` counts them all.
    errorsTotal += validation.errors.length;
    const room = limits.errorItemsMax - errors.length;
    const prefix = form === 'batch' ? ['transactions', index] : [];
    errors.push(...validation.errors.slice(0, Math.max(room, 0)).map((error) => problemError(prefix, error)));
  });
  if (errorsTotal > 0) return refuse('validation_failed', { detail: errorsDetail(errorsTotal), errors, errorsTotal }, items.length);
  return { ok: true, form, drafts };
}

/** A posting's field error: its pointer (`/transactions/3/amount`, or `/amount` for one posting) and registry message. */
function problemError(prefix: readonly (string | number)[], { field, code }: FieldError): ProblemError {
  // `field` is already a pointer into the posting, without its leading slash (`details/a~1b`).
  const pointer = `${jsonPointer(...prefix)}${field === '' ? '' : `/${field}`}`;
  return { pointer, code, message: validationCodes[code].message };
}

function refuse(code: RequestRefusal, extras: ProblemExtras, itemCount: number, details?: unknown): PostingRequestParse {
  return { ok: false, code, details, extras, itemCount };
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

/** One posting's ids in a 202: the published PostingAccepted schema. */
export type AcceptedPosting = Static<typeof schemas.PostingAccepted>;

/** The 202 body: `{ id, traceKey }` for one posting, `{ transactions: [...] }` in request order. */
export function acceptedBody(form: RequestForm, postings: readonly Posting[]): AcceptedPosting | Static<typeof schemas.PostingBatchAccepted> {
  const accepted = postings.map(({ id, traceKey }) => ({ id, traceKey }));
  return form === 'single' ? accepted[0]! : { transactions: accepted };
}

/**
 * The postings whose branch the token may not touch (the first `errorItemsMax`, in request
 * order, each pointing at its `branch`), or null when it may touch them all.
 */
export function forbiddenBranches(form: RequestForm, drafts: readonly PostingDraft[], mayAccess: (branch: string) => boolean): ProblemExtras | null {
  const errors: ProblemError[] = [];
  let errorsTotal = 0;
  drafts.forEach(({ branch }, index) => {
    if (mayAccess(branch)) return;
    errorsTotal += 1;
    if (errors.length >= limits.errorItemsMax) return;
    const pointer = form === 'batch' ? jsonPointer('transactions', index, 'branch') : jsonPointer('branch');
    errors.push({ pointer, code: 'branch_forbidden', message: `the token may not post to branch ${branch}` });
  });
  return errorsTotal === 0 ? null : { detail: errorsDetail(errorsTotal, 'branch'), errors, errorsTotal };
}
