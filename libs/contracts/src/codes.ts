// The registry of every code Flow gives to a client or an operator: field validation errors
// (V…), posting rejections decided by the ledger engine (R…), API errors (E…) and the log
// messages the services write (L…, the `code` field of every JSON log line). A code's
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

/**
 * Why a field or parameter is invalid: the `code` of each `errors[]` entry of a 400 problem (a
 * posting's fields at ingest; catalog bodies and query parameters at the query API).
 */
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
  text_character_invalid: { number: 'V017', message: 'Text (description, details keys and strings) must not contain NUL (U+0000) or unpaired UTF-16 surrogates.' },
  details_number_inexact: { number: 'V018', message: 'A details number must be one a double holds exactly (finite, integers within ±2^53); send larger or more precise numbers as strings.' },
  details_too_deep: { number: 'V019', message: 'details must nest at most 32 levels deep.' },
  producer_invalid: { number: 'V020', message: 'producer (stamped by ingest, never sent by clients) must be 1 to 200 characters of storable text.' },
  value_invalid: { number: 'V021', message: 'The value is not one the field or query parameter takes; the entry\'s message says what it must be.' },
  body_invalid: { number: 'V022', message: 'The body is not a JSON document of the expected shape (empty, not JSON, not an object, or a batch that is not a non-empty array).' },
  trace_id_invalid: { number: 'V023', message: 'traceId (stamped by ingest from the request\'s W3C trace context, never sent by clients) must be 32 lower-case hex digits, not all zero.' },
  reverses_invalid: { number: 'V024', message: 'reverses must be the UUID of the posting this one reverses.' },
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
  posting_unstorable: { number: 'R011', message: 'The database refused to store the posting\'s own data (a data exception); its batch neighbours were applied.' },
  posting_invalid: { number: 'R012', message: 'The posting reached the worker without passing the posting contract; its message neighbours were applied.' },
  date_ref_in_future: { number: 'R013', message: 'dateRef is after today (in the business time zone).' },
  branch_closed: { number: 'R014', message: 'The branch is closed.' },
  branch_not_found: { number: 'R015', message: 'The account is not registered and its branch is not registered either, so it cannot be opened automatically.' },
  reversal_target_not_found: { number: 'R016', message: 'The posting named in reverses does not exist (or was not recorded before this one).' },
  reversal_target_rejected: { number: 'R017', message: 'The posting named in reverses was rejected: there is nothing to reverse.' },
  reversal_other_account: { number: 'R018', message: 'A reversal must be on the branch and account of the posting it reverses.' },
  reversal_same_side: { number: 'R019', message: 'A reversal must be on the opposite side (debit/credit) of the posting it reverses.' },
  reversal_exceeds_remainder: { number: 'R020', message: 'The amount is above what remains unreversed of the original (its amount minus its earlier reversals).' },
} as const satisfies Record<string, CodeDefinition>;

/**
 * Why a request was answered 401 `unauthorized`: its problem's `details.reason`. Sub-reasons of one API
 * error, not codes of their own (a client handles every 401 alike: get a valid token); they say
 * what to fix. The log line `auth_failed` carries the same reason and, for `token_invalid`, the
 * verifier's detail (which check failed), which the client is not told.
 */
export const authFailureReasons = {
  token_missing: 'No `Authorization: Bearer <token>` header (the scheme is case-insensitive).',
  token_invalid: 'The token failed verification: signature, algorithm, issuer, audience, expiry, `nbf`/`iat` in the future, age above the maximum, lifetime (`exp − iat`) above the maximum, or `typ`.',
} as const satisfies Record<string, string>;
export type AuthFailureReason = keyof typeof authFailureReasons;

/** Errors of the HTTP APIs: RFC 9457 problem details (see problems.ts) with this status. */
export const apiErrorCodes = {
  validation_failed: { number: 'E001', httpStatus: 400, message: 'The request is invalid; see errors for each field.' },
  request_too_large: { number: 'E002', httpStatus: 413, message: 'The request body is too large.' },
  too_many_postings: { number: 'E003', httpStatus: 400, message: 'The request holds more postings than allowed.' },
  unauthorized: { number: 'E004', httpStatus: 401, message: 'A valid bearer token is required.' },
  forbidden: { number: 'E005', httpStatus: 403, message: 'The token lacks the scope this route needs.' },
  not_found: { number: 'E006', httpStatus: 404, message: 'Not found.' },
  query_invalid: { number: 'E007', httpStatus: 400, message: 'A query or path parameter is invalid; see errors for each parameter.' },
  cursor_invalid: { number: 'E008', httpStatus: 400, message: 'The cursor is invalid or belongs to another query.' },
  conflict: { number: 'E009', httpStatus: 409, message: 'The resource already exists.' },
  broker_unavailable: { number: 'E010', httpStatus: 503, message: 'The message broker is unavailable; retry later.' },
  database_unavailable: { number: 'E011', httpStatus: 503, message: 'The database is unavailable; retry later.' },
  internal_error: { number: 'E012', httpStatus: 500, message: 'Internal error; quote the trace id to support.' },
  auth_unavailable: { number: 'E013', httpStatus: 503, message: "The token issuer's keys could not be fetched; retry later." },
  branch_forbidden: { number: 'E014', httpStatus: 403, message: "The token's branches (its flow_branches claim) do not include this branch." },
  content_type_unsupported: { number: 'E015', httpStatus: 415, message: 'The body must be JSON: Content-Type application/json (UTF-8).' },
  content_encoding_unsupported: { number: 'E016', httpStatus: 415, message: 'The Content-Encoding is not one of identity, gzip, deflate, br; or the charset is not supported.' },
  body_encoding_invalid: { number: 'E017', httpStatus: 400, message: 'The body could not be decoded with its Content-Encoding.' },
  path_invalid: { number: 'E018', httpStatus: 400, message: 'The path holds an invalid percent-encoding.' },
  request_malformed: { number: 'E019', httpStatus: 400, message: 'The request is malformed.' },
  rate_limited: { number: 'E020', httpStatus: 429, message: 'Too many requests; retry after the seconds in Retry-After.' },
  not_acceptable: { number: 'E021', httpStatus: 406, message: 'The Accept header allows none of the types the route answers: application/json (errors come as application/problem+json; the statement also answers text/csv, application/x-ofx, text/x-cnab240).' },
  range_archived: { number: 'E022', httpStatus: 410, message: 'The range reaches into a month archived to the lake; details name the month and its location (flow restore brings it back).' },
  branch_not_registered: { number: 'E023', httpStatus: 422, message: 'The branch is not registered (register it with POST /v1/branches first) or is closed: it takes no new account.' },
} as const satisfies Record<string, ApiErrorDefinition>;

/**
 * What a service's log line is about: the `code` field of every JSON log line carries one of
 * these names and `number` its number, so dashboards and alerts filter on them.
 */
export const logCodes = {
  service_started: { number: 'L001', message: 'The service is listening or consuming.' },
  service_stopping: { number: 'L002', message: 'The service received a stop signal and is finishing its work in flight.' },
  service_stopped: { number: 'L003', message: 'The service stopped.' },
  request_completed: { number: 'L004', message: 'An HTTP request was answered.' },
  request_failed: { number: 'L005', message: 'An HTTP request failed with an internal error (the client saw only the trace id).' },
  request_invalid: { number: 'L006', message: 'A posting request failed validation; nothing was published.' },
  postings_accepted: { number: 'L007', message: 'Postings were published to the request topic and answered with 202.' },
  publish_failed: { number: 'L008', message: 'A publish to a topic failed.' },
  breaker_opened: { number: 'L009', message: 'A circuit breaker opened: calls fail fast until it probes again.' },
  breaker_half_open: { number: 'L010', message: 'A circuit breaker lets one probe call through.' },
  breaker_closed: { number: 'L011', message: 'A circuit breaker closed: the dependency answers again.' },
  message_malformed: { number: 'L012', message: 'A queue message is not a valid posting message; it is left for the dead-letter queue.' },
  batch_applied: { number: 'L013', message: 'A batch of postings was applied and committed.' },
  batch_failed: { number: 'L014', message: 'A batch failed before commit; its messages stay in the queue.' },
  posting_rejected: { number: 'L015', message: 'The ledger rejected a posting (its outcome carries the reason).' },
  outcomes_published: { number: 'L016', message: 'Outcomes from the outbox were published to the callback topic.' },
  outbox_relay_failed: { number: 'L017', message: 'Publishing the outbox to the callback topic failed; the relay retries.' },
  consumer_paused: { number: 'L018', message: 'The worker stopped receiving because the database is unavailable.' },
  consumer_resumed: { number: 'L019', message: 'The worker receives again.' },
  migrations_applied: { number: 'L020', message: 'Database migrations were applied.' },
  consumer_error: { number: 'L021', message: 'The queue consumer reported an error.' },
  auth_failed: { number: 'L022', message: 'A request was refused for a missing, invalid or insufficient token.' },
  stack_ready: { number: 'L023', message: 'The embedded local stack is ready.' },
  posting_posted: { number: 'L024', message: 'The ledger posted a posting.' },
  readiness_failed: { number: 'L025', message: 'A readiness check failed (the probe answered 503 naming the check only).' },
  request_rate_limited: { number: 'L026', message: 'A request was refused with 429: its key (subject or client address) reached the rate limit.' },
  visibility_change_failed: { number: 'L027', message: 'The broker refused to change the visibility of a received message (one per failed entry).' },
  message_delete_failed: { number: 'L028', message: 'The broker refused to delete a committed message (one per failed entry); it will be received again and replayed.' },
  message_failed_alone: { number: 'L029', message: 'A message of a failed batch failed again when applied alone; it stays in the queue and heads for the dead-letter queue.' },
  outbox_sweep_failed: { number: 'L030', message: 'The outbox sweep could not publish the rows left unsent; the next sweep retries.' },
  outbox_relay_deferred: { number: 'L031', message: 'The relay\'s publish slots were full: a committed batch\'s callbacks are left to the sweep.' },
  service_start_failed: { number: 'L032', message: 'The service failed to start; the process exits with status 1.' },
  queue_call_failed: { number: 'L033', message: 'A batch call to the queue (delete, change visibility) failed as a whole; its messages are received again.' },
  metric_sample_failed: { number: 'L034', message: 'A metric read at scrape time (queue depth, outbox, pool, replica lag, reconciliation) failed; its series keeps its last value.' },
  metrics_emitted: { number: 'L035', message: 'Gauges in CloudWatch embedded metric format (namespace Flow): CloudWatch Logs turns the line into metrics the alarms read.' },
  statement_export_failed: { number: 'L036', message: 'A statement export failed after its first byte: the connection was cut, so the client holds a truncated file, never a complete-looking one.' },
  command_progress: { number: 'L037', message: 'A flow command reports its progress (done, total, rate); on a terminal it draws a bar instead.' },
  reconciliation_finished: { number: 'L038', message: 'A reconciliation run finished and was recorded (accounts checked, differences, status).' },
  balance_difference: { number: 'L039', message: 'Reconciliation found an account-day whose daily balance disagrees with the ledger.' },
  reconciliation_failed: { number: 'L040', message: 'A reconciliation run could not finish; it is recorded as failed.' },
  broker_topology_ready: { number: 'L041', message: 'The topics, queues, dead-letter queue and subscriptions exist (created or found).' },
  dead_letters_redriven: { number: 'L042', message: 'Messages were moved from the dead-letter queue back to the transaction queue.' },
  month_archived: { number: 'L043', message: 'A month of entries was exported to the lake, verified, checkpointed and dropped from the database.' },
  month_restored: { number: 'L044', message: 'An archived month was read back from the lake, verified against its manifest and attached again.' },
  command_failed: { number: 'L045', message: 'A flow command could not run (exit status 2).' },
} as const satisfies Record<string, CodeDefinition>;

export type ValidationCode = keyof typeof validationCodes;
export type RejectionCode = keyof typeof rejectionCodes;
export type ApiErrorCode = keyof typeof apiErrorCodes;
export type LogCode = keyof typeof logCodes;
