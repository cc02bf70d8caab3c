// Generated from the ingest OpenAPI document (libs/contracts/src/openapi) by `npm run client:types`;
// do not edit by hand (types.test.ts fails when it drifts).
export interface paths {
    "/v1/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept one posting or a batch for the ledger
         * @description Validates every posting (any invalid item fails the whole request and nothing is published), assigns an `id` (UUIDv7) to postings without one and one new `traceKey` per request to postings without one, publishes them to the request topic and answers 202 only after the broker confirmed. The outcome (posted or rejected with its code) arrives later on the callback topic and in the query API. Send your own `id`: a retried request is then an idempotent replay. Every error is an RFC 9457 problem (`application/problem+json`); an invalid posting's fields are listed in `errors[]` as `{ pointer, code, message }` with pointers such as `/transactions/3/amount` (`/amount` for one posting). A 503 may come after some of the request's postings reached the broker; its `details` list every assigned `{ id, traceKey }` (`details.id`/`details.traceKey` for one posting, `details.transactions` in request order for a batch): retry with exactly these ids; the ledger treats a repeat as a replay. Body at most 1048576 bytes; at most 1000 postings per batch. Scope `flow:post`. Every posting's branch must be in the token's `flow_branches` claim (or the claim is `["*"]`): otherwise the request is refused whole with 403 `branch_forbidden`, listing those postings in `errors[]` (pointing at each `branch`, the first 100, and `errorsTotal`), and nothing is published.
         */
        post: operations["postTransactions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process runs. */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready to accept postings: the request-topic breaker is closed and the service is not stopping. */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details; `code` and `message` are kept from the first error answers. */
        Problem: {
            /**
             * Format: uri
             * @description `https://flow.dev/problems/<code>`: one per registry code (CODES.md).
             */
            type: string;
            /** @description The registry message of the code, the same for every occurrence. */
            title: string;
            status: number;
            /** @description What happened this time. */
            detail: string;
            /** @description `urn:flow:request:<x-request-id>`: quote it to support. */
            instance?: string;
            /** @enum {string} */
            code: "validation_failed" | "request_too_large" | "too_many_postings" | "unauthorized" | "forbidden" | "not_found" | "query_invalid" | "cursor_invalid" | "conflict" | "broker_unavailable" | "database_unavailable" | "internal_error" | "auth_unavailable" | "branch_forbidden" | "content_type_unsupported" | "content_encoding_unsupported" | "body_encoding_invalid" | "path_invalid" | "request_malformed" | "rate_limited" | "not_acceptable" | "range_archived" | "branch_not_registered";
            message: string;
            /** @description Field and parameter problems (400), the first 100 in request order. */
            errors?: components["schemas"]["ProblemError"][];
            /** @description How many problems there were in all, beside `errors`. */
            errorsTotal?: number;
            /** @description What else the occurrence carries: `reason` of a 401 (one of `token_missing`, `token_invalid`), `requiredScope` of a 403, the assigned ids of an ingest 503, the limit of a 429, `traceId` of a 500 or 503. */
            details?: {
                [key: string]: unknown;
            };
        };
        ProblemError: {
            /** @description RFC 6901 JSON Pointer: into the body (`/transactions/3/amount`, `/amount` for one posting, empty for the whole body), or into the parameters seen as `{ "query": {...}, "path": {...} }` (`/query/limit`, `/path/branch`). */
            pointer: string;
            /** @enum {string} */
            code: "field_required" | "field_unknown" | "id_invalid" | "trace_key_invalid" | "branch_invalid" | "account_invalid" | "amount_invalid_format" | "amount_too_many_decimals" | "amount_not_positive" | "amount_above_maximum" | "debit_credit_invalid" | "event_code_invalid" | "description_invalid" | "details_invalid" | "date_ref_invalid" | "posting_not_object" | "text_character_invalid" | "details_number_inexact" | "details_too_deep" | "producer_invalid" | "value_invalid" | "body_invalid" | "trace_id_invalid" | "reverses_invalid" | "branch_forbidden";
            message: string;
        };
        PostingRequest: {
            /** @description Your idempotency key; a UUIDv7 is assigned when absent. */
            id?: string | null;
            /** @description Correlation key; one new traceKey per request when absent. */
            traceKey?: string | null;
            /** @description Branch (agência). */
            branch: string;
            /** @description Account (conta). */
            account: string;
            /**
             * @description Decimal string greater than zero, at most 2 decimals, at most 9999999999999.99.
             * @example 123.45
             */
            amount: string;
            /** @enum {string} */
            debitCredit: "D" | "C";
            /** @description Entry code (código de histórico). */
            eventCode: number;
            /** @description Free text; no NUL (U+0000) and no unpaired surrogates (`text_character_invalid`). */
            description?: string | null;
            /** @description Producer-owned JSON object, at most 4096 bytes as UTF-8 JSON and 32 levels deep (`details_too_deep`), stored exactly as sent: keys and strings without NUL or unpaired surrogates (`text_character_invalid`), numbers a double holds exactly — finite, integers within ±2^53 — (`details_number_inexact`; send larger or more precise numbers as strings). */
            details?: {
                [key: string]: unknown;
            } | null;
            /**
             * Format: date
             * @description Business date "YYYY-MM-DD", today − retro window … today in the business time zone: earlier is rejected `date_ref_outside_window`, later `date_ref_in_future`.
             */
            dateRef: string;
            /** @description Makes this posting a reversal (estorno) of the posting with this id: posted only if that original is posted, on the same branch and account, on the other side, and the amount is at most what remains unreversed of it (partial reversals add up); otherwise rejected `reversal_target_not_found`, `reversal_target_rejected`, `reversal_other_account`, `reversal_same_side` or `reversal_exceeds_remainder`. Part of the posting for idempotency. */
            reverses?: string | null;
        };
        PostingBatchRequest: {
            transactions: components["schemas"]["PostingRequest"][];
        };
        PostingAccepted: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            traceKey: string;
        };
        PostingBatchAccepted: {
            transactions: components["schemas"]["PostingAccepted"][];
        };
        BrokerUnavailableProblem: components["schemas"]["Problem"] & {
            /** @description The assigned ids: `id` and `traceKey` for one posting, `transactions` in request order for a batch; retry with exactly these ids; the ledger treats a repeat as a replay. */
            details: {
                /** @enum {string} */
                reason: "broker_error" | "timeout" | "breaker_open" | "overloaded" | "stopped";
                /** Format: uuid */
                id?: string;
                /** Format: uuid */
                traceKey?: string;
                transactions?: components["schemas"]["PostingAccepted"][];
            };
        };
        HealthStatus: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks?: {
                [key: string]: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postTransactions: {
        parameters: {
            query?: never;
            header?: {
                /** @description W3C trace context (`00-<trace id>-<parent span id>-<flags>`). Its trace id follows the postings to the worker's batch span (a span link) and back on each outcome (`traceId`); absent or malformed, ingest starts a new trace. */
                traceparent?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description One posting, or `{ "transactions": [...] }`; at most 1048576 bytes of JSON. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostingRequest"] | components["schemas"]["PostingBatchRequest"];
            };
        };
        responses: {
            /** @description Published: every posting is on the request topic. Single form → `{ id, traceKey }`; batch form → `{ transactions }` in request order. */
            202: {
                headers: {
                    /** @description Single form only: the posting's status resource on the query API (`/v1/transactions/{id}`; absolute when ingest knows the query API's public URL). 404 until the worker has applied it. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostingAccepted"] | components["schemas"]["PostingBatchAccepted"];
                };
            };
            /** @description body_encoding_invalid, request_malformed, validation_failed, too_many_postings */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized */
            401: {
                headers: {
                    /** @description `Bearer realm="flow"`, with `error="invalid_token"` for a bad token, `error="insufficient_scope"` (and `scope`) for a missing scope or branch. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden, branch_forbidden */
            403: {
                headers: {
                    /** @description `Bearer realm="flow"`, with `error="invalid_token"` for a bad token, `error="insufficient_scope"` (and `scope`) for a missing scope or branch. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_acceptable */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description request_too_large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_type_unsupported, content_encoding_unsupported */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description broker_unavailable */
            503: {
                headers: {
                    /** @description Seconds until the breaker probes the broker again; retry then, with the same ids. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["BrokerUnavailableProblem"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description not ready; `checks` names the failing check */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
}
