// The shape of every error Flow's HTTP apps answer: RFC 9457 problem details
// (`application/problem+json`) built from the code registry. `type`, `title` and `status` follow
// from the API error code alone; `detail` and `instance` describe the occurrence; `code` and
// `message` are kept as extension members so clients of the first `{ code, message, details }`
// answers keep working. Field and parameter problems come in one `errors[]` shape everywhere,
// `{ pointer, code, message }`, bounded like every list an error answer holds. Pure: no I/O.
import { apiErrorCodes, type ApiErrorCode, type ValidationCode } from './codes.ts';
import { errorItemsMax } from './limits.ts';

export const problemContentType = 'application/problem+json';

/**
 * Every problem type is `https://flow.dev/problems/<code>`: an identifier per registry code, never
 * renamed (codes never are); CODES.md lists each one with its status and meaning.
 */
export const problemTypeBase = 'https://flow.dev/problems/';

/** The `instance` of a problem: the request id (`x-request-id`, `requestId` of the log lines) as a URN. */
export const problemInstancePrefix = 'urn:flow:request:';

/** The code of an `errors[]` entry: a field or parameter rule, or `branch_forbidden` for a posting's branch. */
export type ProblemErrorCode = ValidationCode | 'branch_forbidden';

/**
 * One field or parameter problem. `pointer` is an RFC 6901 JSON Pointer: into the request body
 * (`/transactions/3/amount`, `/amount` for a single posting, `` for the whole body), and for
 * parameters into the request's parameters seen as `{ "query": {...}, "path": {...} }`
 * (`/query/limit`, `/path/branch`).
 */
export interface ProblemError {
  readonly pointer: string;
  readonly code: ProblemErrorCode;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** The registry code (extension member, as in the first error answers). */
  readonly code: ApiErrorCode;
  /** The registry message (extension member, the same text as `title`). */
  readonly message: string;
  /** Field and parameter problems: the first `errorItemsMax`, in request order. */
  readonly errors?: readonly ProblemError[];
  /** How many problems there were in all, when `errors` lists some. */
  readonly errorsTotal?: number;
  /** What else the occurrence carries: a 401's `reason`, a 503's assigned ids, a 429's limit… */
  readonly details?: unknown;
}

export interface ProblemOccurrence {
  /** The request id, made a URN in `instance`. */
  readonly requestId?: string;
  /** What happened this time; the registry message when absent. */
  readonly detail?: string;
  readonly errors?: readonly ProblemError[];
  /** Defaults to `errors.length`; give it when `errors` was cut to its bound. */
  readonly errorsTotal?: number;
  readonly details?: unknown;
}

export function problemType(code: ApiErrorCode): string {
  return `${problemTypeBase}${code}`;
}

export function problemOf(code: ApiErrorCode, occurrence: ProblemOccurrence = {}): Problem {
  const { httpStatus, message } = apiErrorCodes[code];
  const problem: Record<string, unknown> = {
    type: problemType(code),
    title: message,
    status: httpStatus,
    detail: occurrence.detail ?? message,
  };
  if (occurrence.requestId !== undefined) problem.instance = `${problemInstancePrefix}${occurrence.requestId}`;
  problem.code = code;
  problem.message = message;
  if (occurrence.errors !== undefined) {
    problem.errors = occurrence.errors.slice(0, errorItemsMax);
    problem.errorsTotal = occurrence.errorsTotal ?? occurrence.errors.length;
  }
  if (occurrence.details !== undefined) problem.details = occurrence.details;
  return problem as unknown as Problem;
}

/** RFC 6901: the pointer to `tokens` (`~` becomes `~0`, `/` becomes `~1`); no tokens is the whole document. */
export function jsonPointer(...tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** "3 errors" or "1 error": the `detail` of a validation problem. */
export function errorsDetail(total: number, what = 'field'): string {
  const listed = total > errorItemsMax ? ` (the first ${errorItemsMax} listed)` : '';
  return `${total} ${what} problem${total === 1 ? '' : 's'}${listed}; see errors.`;
}
