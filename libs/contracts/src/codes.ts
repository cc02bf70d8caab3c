// The registry of every code Flow gives to a client or an operator: field validation errors
// (V…), posting rejections decided by the ledger engine (R…), and API errors (E…). A code's
// name says which rule was broken; its number is for monitoring and is never renumbered or
// reused (codes.lock.json pins every number ever issued; a test enforces it).

export interface CodeDefinition {
  /** Numbered message code for dashboards and alerts, e.g. `R001`. */
  readonly number: string;
  readonly message: string;
}

export interface ApiErrorDefinition extends CodeDefinition {
  readonly httpStatus: number;
}

/** Why a field of a posting is invalid (HTTP 400 at ingest, per item and field). */
export const validationCodes = {
  field_required: { number: 'V001', message: 'The field is required.' },
  field_unknown: { number: 'V002', message: 'The field is not part of the posting contract.' },
  id_invalid: { number: 'V003', message: 'id must be a UUID.' },
  trace_key_invalid: { number: 'V004', message: 'traceKey must be a UUID.' },
  branch_invalid: { number: 'V005', message: 'branch must be 1 to 10 letters or digits.' },
  account_invalid: { number: 'V006', message: 'account must be 1 to 20 letters or digits.' },
  amount_invalid_format: { number: 'V007', message: 'amount must be a decimal string such as "123.45".' },
  amount_too_many_decimals: { number: 'V008', message: 'amount must have at most 2 decimal places.' },
  amount_not_positive: { number: 'V009', message: 'amount must be greater than zero.' },
  amount_above_maximum: { number: 'V010', message: 'amount must be at most 9999999999999.99.' },
  debit_credit_invalid: { number: 'V011', message: 'debitCredit must be "D" or "C".' },
  event_code_invalid: { number: 'V012', message: 'eventCode must be an integer from 1 to 999999.' },
  description_invalid: { number: 'V013', message: 'description must be a string of at most 200 characters.' },
  details_invalid: { number: 'V014', message: 'details must be a JSON object of at most 4096 bytes.' },
  date_ref_invalid: { number: 'V015', message: 'dateRef must be a calendar date "YYYY-MM-DD".' },
  posting_not_object: { number: 'V016', message: 'A posting must be a JSON object.' },
} as const satisfies Record<string, CodeDefinition>;

/** Why the ledger engine rejected a posting. A rejection is an outcome, never a failed batch. */
export const rejectionCodes = {
  event_not_found: { number: 'R001', message: 'The event code is not in the catalog.' },
  event_inactive: { number: 'R002', message: 'The event code is inactive.' },
  event_disallows_debit: { number: 'R003', message: 'The event code does not allow debits.' },
  event_disallows_credit: { number: 'R004', message: 'The event code does not allow credits.' },
  account_not_found: { number: 'R005', message: 'The account is not registered and accounts are not opened automatically.' },
  account_blocked: { number: 'R006', message: 'The account is blocked.' },
  account_closed: { number: 'R007', message: 'The account is closed.' },
  date_ref_outside_window: { number: 'R008', message: 'dateRef is outside the retro window [today - window, today].' },
  amount_above_limit: { number: 'R009', message: 'The amount is above the per-posting limit of this deployment.' },
  id_conflict: { number: 'R010', message: 'The id was already used by a posting with different fields.' },
} as const satisfies Record<string, CodeDefinition>;

/** Errors of the HTTP APIs: `{ code, message, details? }` with this status. */
export const apiErrorCodes = {
  validation_failed: { number: 'E001', httpStatus: 400, message: 'The request is invalid; see details for each item.' },
  request_too_large: { number: 'E002', httpStatus: 413, message: 'The request body is too large.' },
  too_many_postings: { number: 'E003', httpStatus: 400, message: 'The request holds more postings than allowed.' },
  unauthorized: { number: 'E004', httpStatus: 401, message: 'A valid bearer token is required.' },
  forbidden: { number: 'E005', httpStatus: 403, message: 'The token lacks the scope this route needs.' },
  not_found: { number: 'E006', httpStatus: 404, message: 'Not found.' },
  query_invalid: { number: 'E007', httpStatus: 400, message: 'A query parameter is invalid.' },
  cursor_invalid: { number: 'E008', httpStatus: 400, message: 'The cursor is invalid or belongs to another query.' },
  conflict: { number: 'E009', httpStatus: 409, message: 'The resource already exists.' },
  broker_unavailable: { number: 'E010', httpStatus: 503, message: 'The message broker is unavailable; retry later.' },
  database_unavailable: { number: 'E011', httpStatus: 503, message: 'The database is unavailable; retry later.' },
  internal_error: { number: 'E012', httpStatus: 500, message: 'Internal error; quote the trace id to support.' },
} as const satisfies Record<string, ApiErrorDefinition>;

export type ValidationCode = keyof typeof validationCodes;
export type RejectionCode = keyof typeof rejectionCodes;
export type ApiErrorCode = keyof typeof apiErrorCodes;
