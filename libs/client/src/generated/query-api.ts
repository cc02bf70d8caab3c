// Generated from the query-api OpenAPI document (libs/contracts/src/openapi) by `npm run client:types`;
// do not edit by hand (types.test.ts fails when it drifts).
export interface paths {
    "/v1/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search transactions: posted ones in statement order (dateRef, seq), and with `status` rejections too.
         * @description Requires scope `flow:read`. The token's `flow_branches` claim (an array of branch codes, or `["*"]`) bounds what it sees: a path or `branch` filter outside it is 403 `branch_forbidden`, lists hold only its branches, a transaction of another branch is 404. A token without the claim sees no ledger data.
         */
        get: operations["searchTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A posting by id with its outcome (posted, or rejected with the rejection code) and its reversals. Readable as soon as its outcome is on the callback topic: an id a read replica has not replayed yet is read on the primary, so 404 means never received.
         * @description Requires scope `flow:read`. The token's `flow_branches` claim (an array of branch codes, or `["*"]`) bounds what it sees: a path or `branch` filter outside it is 403 `branch_forbidden`, lists hold only its branches, a transaction of another branch is 404. A token without the claim sees no ledger data.
         */
        get: operations["getTransaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{branch}/{account}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The statement (extrato): opening balance, lines with running balances, closing balance; or the whole range as a CSV, OFX or CNAB 240 download.
         * @description Requires scope `flow:read`. The token's `flow_branches` claim (an array of branch codes, or `["*"]`) bounds what it sees: a path or `branch` filter outside it is 403 `branch_forbidden`, lists hold only its branches, a transaction of another branch is 404. A token without the claim sees no ledger data.
         */
        get: operations["getStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{branch}/{account}/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily balances (consolidado diário): one item per day with movement.
         * @description Requires scope `flow:read`. The token's `flow_branches` claim (an array of branch codes, or `["*"]`) bounds what it sees: a path or `branch` filter outside it is 403 `branch_forbidden`, lists hold only its branches, a transaction of another branch is 404. A token without the claim sees no ledger data.
         */
        get: operations["listDailyBalances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{branch}/{account}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The balance at the end of a business date.
         * @description Requires scope `flow:read`. The token's `flow_branches` claim (an array of branch codes, or `["*"]`) bounds what it sees: a path or `branch` filter outside it is 403 `branch_forbidden`, lists hold only its branches, a transaction of another branch is 404. A token without the claim sees no ledger data.
         */
        get: operations["getBalanceAtDate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consolidated day per branch.
         * @description Requires scope `flow:read`. The token's `flow_branches` claim (an array of branch codes, or `["*"]`) bounds what it sees: a path or `branch` filter outside it is 403 `branch_forbidden`, lists hold only its branches, a transaction of another branch is 404. A token without the claim sees no ledger data.
         */
        get: operations["getDailyReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events by code.
         * @description Requires scope `flow:admin`.
         */
        get: operations["listEvents"];
        put?: never;
        /**
         * Create an event.
         * @description Requires scope `flow:admin`.
         */
        post: operations["createEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event.
         * @description Requires scope `flow:admin`.
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an event: description, active, allowed sides.
         * @description Requires scope `flow:admin`.
         */
        patch: operations["updateEvent"];
        trace?: never;
    };
    "/v1/branches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List branches by code.
         * @description Requires scope `flow:admin`.
         */
        get: operations["listBranches"];
        put?: never;
        /**
         * Register a branch. Accounts are registered (or opened automatically) only in an active branch.
         * @description Requires scope `flow:admin`.
         */
        post: operations["registerBranch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/branches/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A branch.
         * @description Requires scope `flow:admin`.
         */
        get: operations["getBranch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a branch: name, status. A closed branch takes no posting (`branch_closed`) and no new account.
         * @description Requires scope `flow:admin`.
         */
        patch: operations["updateBranch"];
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts by (branch, account).
         * @description Requires scope `flow:admin`.
         */
        get: operations["listAccounts"];
        put?: never;
        /**
         * Register an account.
         * @description Requires scope `flow:admin`.
         */
        post: operations["registerAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{branch}/{account}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An account.
         * @description Requires scope `flow:admin`.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an account: status, holder name.
         * @description Requires scope `flow:admin`.
         */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/v1/outcomes/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Outcomes as they are decided, as server-sent events.
         * @description Requires scope `flow:read`; only outcomes of the token's branches are sent. A `text/event-stream` of `event: outcome` events, `data:` an OutcomeEvent, `id:` its position. The stream starts at the newest outcome, or after the `Last-Event-ID` header's position, and ends after 15 minutes (reconnect with Last-Event-ID). The API polls the outbox every second; a batch that commits more than 64 batches late is not sent. It is a view: the callback topic is the delivery of record. The `Accept` header must allow `application/json` too, like every /v1 route (e.g. `text/event-stream, application/json;q=0.1`). 429 `rate_limited` when the process already serves 100 streams.
         */
        get: operations["streamOutcomes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What operations watch: the outbox backlog, the last batch written, the worker's readiness.
         * @description Requires scope `flow:admin`.
         */
        get: operations["getOperations"];
        put?: never;
        post?: never;
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
        /** Answers while the process runs. */
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
        /** Runs `select 1` on the read database, checks the schema version and, on a read replica, that it lags at most FLOW_REPLICA_LAG_MAX_SECONDS (`replicaLag`). */
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
        Transaction: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "posted" | "rejected";
            reason: string | null;
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            amount: string | null;
            debitCredit: ("D" | "C") | null;
            eventCode: number | null;
            description: string | null;
            details: {
                [key: string]: unknown;
            } | null;
            /**
             * Format: date
             * @example 2026-11-24
             */
            dateRef: string;
            /** Format: uuid */
            traceKey: string;
            seq: string | null;
            /** Format: date-time */
            processedAt: string;
            producer: string | null;
        };
        TransactionDetail: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "posted" | "rejected";
            reason: string | null;
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            amount: string | null;
            debitCredit: ("D" | "C") | null;
            eventCode: number | null;
            description: string | null;
            details: {
                [key: string]: unknown;
            } | null;
            /**
             * Format: date
             * @example 2026-11-24
             */
            dateRef: string;
            /** Format: uuid */
            traceKey: string;
            seq: string | null;
            /** Format: date-time */
            processedAt: string;
            producer: string | null;
            /** @description The id of the posting this one reverses (estorno); null for a plain posting. */
            reverses: string | null;
            /**
             * @description What its posted reversals add up to ("0.00" when none); what remains to reverse is amount − reversedAmount.
             * @example 12.00
             */
            reversedAmount: string;
            /** @description The ids of its posted reversals, in statement order. */
            reversals: string[];
            /** @description Present only on a posted entry whose month `flow archive` moved to the lake: its outcome stays, its fields are there. */
            archived?: {
                month: string;
                location: string;
            };
        };
        TransactionPage: {
            items: components["schemas"]["Transaction"][];
            nextCursor: string | null;
        };
        StatementLine: {
            /** Format: uuid */
            id: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            dateRef: string;
            /** @description Insertion order; statements are ordered by (dateRef, seq). */
            seq: string;
            /** @enum {string} */
            debitCredit: "D" | "C";
            debit: string | null;
            credit: string | null;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            amount: string;
            /** @example 494 */
            eventCode: number;
            /** @description The event's description in the catalog (the histórico); null if the code is not registered. */
            eventDescription: string | null;
            description: string | null;
            /** Format: uuid */
            traceKey: string;
            /** @description The id of the entry this one reverses (estorno); null unless a reversal. */
            reverses: string | null;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            balanceBefore: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            balanceAfter: string;
        };
        Statement: {
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            from: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            to: string;
            /** @description The `asOf` of the request; null for the ledger as it is. */
            asOf: string | null;
            /**
             * @description Balance at the end of the day before `from`.
             * @example 12.00
             */
            openingBalance: string;
            lines: components["schemas"]["StatementLine"][];
            /**
             * @description Balance at the end of `to`.
             * @example 12.00
             */
            closingBalance: string;
            nextCursor: string | null;
        };
        DailyBalance: {
            /**
             * Format: date
             * @example 2026-11-24
             */
            dateRef: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            totalDebit: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            totalCredit: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            accumulatedDebit: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            accumulatedCredit: string;
            /**
             * @description Balance at the end of the day: accumulatedCredit − accumulatedDebit.
             * @example 12.00
             */
            balance: string;
            transactionCount: number;
            /** @description When the day's figures last changed after the day had closed in the business time zone (a backdated entry on this day or an earlier one moved them), UTC; null when they never changed after the day closed. With `asOf`, as of that instant. */
            revisedAt: string | null;
        };
        DailyBalancePage: {
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            from: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            to: string;
            /** @description The `asOf` of the request; null for the ledger as it is. */
            asOf: string | null;
            items: components["schemas"]["DailyBalance"][];
            nextCursor: string | null;
        };
        BalanceAtDate: {
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            date: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            balance: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            accumulatedDebit: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            accumulatedCredit: string;
            lastMovementDate: string | null;
            /** @description The `asOf` of the request; null for the ledger as it is. */
            asOf: string | null;
        };
        BranchDayReport: {
            /** @example 0001 */
            branch: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            date: string;
            accountsWithMovement: number;
            transactionCount: number;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            totalDebit: string;
            /**
             * @description Decimal string with two decimals, e.g. "12.00".
             * @example 12.00
             */
            totalCredit: string;
            /**
             * @description Sum of every account's balance at the end of the day.
             * @example 12.00
             */
            closingBalance: string;
        };
        DailyReportPage: {
            /**
             * Format: date
             * @example 2026-11-24
             */
            date: string;
            items: components["schemas"]["BranchDayReport"][];
            nextCursor: string | null;
        };
        Event: {
            /** @example 494 */
            code: number;
            description: string;
            active: boolean;
            allowDebit: boolean;
            allowCredit: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        EventPage: {
            items: components["schemas"]["Event"][];
            nextCursor: string | null;
        };
        EventCreate: {
            /** @example 494 */
            code: number;
            description: string;
            /** @default true */
            active?: boolean;
            allowDebit: boolean;
            allowCredit: boolean;
        };
        EventUpdate: {
            description?: string;
            active?: boolean;
            allowDebit?: boolean;
            allowCredit?: boolean;
        };
        Branch: {
            /** @example 0001 */
            code: string;
            name: string;
            /** @enum {string} */
            status: "active" | "closed";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        BranchPage: {
            items: components["schemas"]["Branch"][];
            nextCursor: string | null;
        };
        BranchCreate: {
            /** @example 0001 */
            code: string;
            name: string;
            /**
             * @default active
             * @enum {string}
             */
            status?: "active" | "closed";
        };
        BranchUpdate: {
            name?: string;
            /** @enum {string} */
            status?: "active" | "closed";
        };
        Account: {
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            /** @enum {string} */
            status: "active" | "blocked" | "closed";
            holderName: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        AccountPage: {
            items: components["schemas"]["Account"][];
            nextCursor: string | null;
        };
        AccountCreate: {
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            /**
             * @default active
             * @enum {string}
             */
            status?: "active" | "blocked" | "closed";
            holderName?: string | null;
        };
        AccountUpdate: {
            /** @enum {string} */
            status?: "active" | "blocked" | "closed";
            holderName?: string | null;
        };
        OutcomeEvent: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "posted" | "rejected";
            reason: string | null;
            /** @example 0001 */
            branch: string;
            /** @example 100001 */
            account: string;
            /**
             * Format: date
             * @example 2026-11-24
             */
            dateRef: string;
            /** Format: uuid */
            traceKey: string;
            /** @description A repeat of a posting already decided. */
            replay: boolean;
            amount: string | null;
            debitCredit: ("D" | "C") | null;
            /**
             * Format: date-time
             * @description When its batch was written.
             */
            decidedAt: string;
        };
        Operations: {
            /** Format: date-time */
            observedAt: string;
            outbox: {
                /** @description Batches not yet published to the callback topic. */
                unsent: number;
                oldestUnsentAt: string | null;
                lastBatchAt: string | null;
            };
            /** @description Per queue (`flow-transaction`, `flow-transaction-dlq`): the worker's gauges, read from its `/metrics` at `FLOW_WORKER_HEALTH_URL`; null when that is not set or does not answer. */
            queues: {
                [key: string]: {
                    messages: number;
                    oldestAgeSeconds: number | null;
                };
            } | null;
            /** @description The latest finished run `flow reconcile` recorded; null before the first. */
            lastReconciliation: {
                /** Format: date-time */
                finishedAt: string;
                /** @enum {string} */
                status: "clean" | "differences" | "failed";
                accountsChecked: number;
                differences: number;
            } | null;
            /** @description The worker's readiness, asked at `FLOW_WORKER_HEALTH_URL`; null when that is not set. */
            worker: {
                /** @enum {string} */
                status: "ok" | "unavailable" | "unreachable";
                checks: {
                    [key: string]: string;
                };
            } | null;
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
    searchTransactions: {
        parameters: {
            query?: {
                /** @description Only this branch. */
                branch?: string;
                /** @description Only this account. */
                account?: string;
                /** @description First business date, inclusive; from ≤ to, spanning at most 366 days. */
                from?: string;
                /** @description Last business date, inclusive; from ≤ to, spanning at most 366 days. */
                to?: string;
                /** @description Only entries with this trace key. */
                traceKey?: string;
                /** @description Only entries with this event code. */
                eventCode?: number;
                /** @description Only entries this producer posted. */
                producer?: string;
                /** @description `posted`: posted entries; `rejected`: rejections with their `reason`; `all`: both — each day's posted entries in statement order, then its rejections by id. With `traceKey`, `all` finds every posting of a trace. */
                status?: "posted" | "rejected" | "all";
                /** @description Items per page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of transactions. */
            200: {
                headers: {
                    /** @description `<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionPage"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, cursor_invalid */
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
            /** @description range_archived */
            410: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTransaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The posting id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The posting. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionDetail"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStatement: {
        parameters: {
            query: {
                /** @description First business date, inclusive; from ≤ to, spanning at most 366 days. */
                from: string;
                /** @description Last business date, inclusive; from ≤ to, spanning at most 366 days. */
                to: string;
                /** @description RFC 3339 instant with its offset, not in the future (at most microseconds): answer as the ledger stood then — only entries recorded at or before it (a batch is recorded at the start of its database transaction), balances as they were. Bounded cost: only the last retro window of days before it is recomputed from entries (docs/engine.md). */
                asOf?: string;
                /** @description The answer's format; absent, the `Accept` header chooses among application/json (preferred on a tie), text/csv, application/x-ofx, text/x-cnab240 (406 if it allows none). An export is the whole range in one streamed response with `Content-Disposition: attachment`: `limit` and `cursor` are refused. CNAB 240 needs a branch of at most 5 digits and an account of at most 12 digits. */
                format?: "json" | "csv" | "ofx" | "cnab240";
                /** @description Items per page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Branch (agência). */
                branch: string;
                /** @description Account (conta). */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the statement (JSON), or the whole range (an export). */
            200: {
                headers: {
                    /** @description `<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page. */
                    Link?: string;
                    /** @description Exports only: `attachment; filename="extrato-{branch}-{account}-{from}-{to}.{csv|ofx|ret}"`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statement"];
                    "text/csv": string;
                    "application/x-ofx": string;
                    "text/x-cnab240": string;
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, cursor_invalid */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description range_archived */
            410: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDailyBalances: {
        parameters: {
            query: {
                /** @description First business date, inclusive; from ≤ to, spanning at most 366 days. */
                from: string;
                /** @description Last business date, inclusive; from ≤ to, spanning at most 366 days. */
                to: string;
                /** @description RFC 3339 instant with its offset, not in the future (at most microseconds): answer as the ledger stood then — only entries recorded at or before it (a batch is recorded at the start of its database transaction), balances as they were. Bounded cost: only the last retro window of days before it is recomputed from entries (docs/engine.md). */
                asOf?: string;
                /** @description Items per page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Branch (agência). */
                branch: string;
                /** @description Account (conta). */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of daily balances. */
            200: {
                headers: {
                    /** @description `<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyBalancePage"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, cursor_invalid */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description range_archived */
            410: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBalanceAtDate: {
        parameters: {
            query: {
                /** @description Business date. */
                date: string;
                /** @description RFC 3339 instant with its offset, not in the future (at most microseconds): answer as the ledger stood then — only entries recorded at or before it (a batch is recorded at the start of its database transaction), balances as they were. Bounded cost: only the last retro window of days before it is recomputed from entries (docs/engine.md). */
                asOf?: string;
            };
            header?: never;
            path: {
                /** @description Branch (agência). */
                branch: string;
                /** @description Account (conta). */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The balance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BalanceAtDate"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDailyReport: {
        parameters: {
            query: {
                /** @description Business date. */
                date: string;
                /** @description Only this branch. */
                branch?: string;
                /** @description Items per page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of branches. */
            200: {
                headers: {
                    /** @description `<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyReportPage"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, cursor_invalid */
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Items per page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    /** @description `<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, cursor_invalid */
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
            /** @description forbidden */
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, validation_failed, body_encoding_invalid */
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
            /** @description forbidden */
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
            /** @description conflict */
            409: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Event code (código de histórico). */
                code: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed */
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
            /** @description forbidden */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Event code (código de histórico). */
                code: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventUpdate"];
            };
        };
        responses: {
            /** @description The event as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, validation_failed, body_encoding_invalid */
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
            /** @description forbidden */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBranches: {
        parameters: {
            query?: {
                /** @description Items per page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of branches. */
            200: {
                headers: {
                    /** @description `<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BranchPage"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, cursor_invalid */
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
            /** @description forbidden */
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerBranch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BranchCreate"];
            };
        };
        responses: {
            /** @description Registered. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branch"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, validation_failed, body_encoding_invalid */
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
            /** @description forbidden */
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
            /** @description conflict */
            409: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBranch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Branch code (agência). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The branch. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branch"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed */
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
            /** @description forbidden */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateBranch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Branch code (agência). */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BranchUpdate"];
            };
        };
        responses: {
            /** @description The branch as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branch"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, validation_failed, body_encoding_invalid */
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
            /** @description forbidden */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                /** @description Only this branch. */
                branch?: string;
                /** @description Items per page. */
                limit?: number;
                /** @description The `nextCursor` of the previous page (opaque). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of accounts. */
            200: {
                headers: {
                    /** @description `<path?…&cursor=…>; rel="next"` when there is a next page (the same cursor as `nextCursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountPage"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, cursor_invalid */
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
            /** @description forbidden */
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountCreate"];
            };
        };
        responses: {
            /** @description Registered. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, validation_failed, body_encoding_invalid */
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
            /** @description forbidden */
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
            /** @description conflict */
            409: {
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
            /** @description branch_not_registered */
            422: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Branch (agência). */
                branch: string;
                /** @description Account (conta). */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed */
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
            /** @description forbidden */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Branch (agência). */
                branch: string;
                /** @description Account (conta). */
                account: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountUpdate"];
            };
        };
        responses: {
            /** @description The account as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed, validation_failed, body_encoding_invalid */
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
            /** @description forbidden */
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
            /** @description not_found */
            404: {
                headers: {
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamOutcomes: {
        parameters: {
            query?: never;
            header?: {
                /** @description Resume after this position. */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream: each event's `data:` is an OutcomeEvent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["OutcomeEvent"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed */
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOperations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures; `null` where the API cannot read them yet. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operations"];
                };
            };
            /** @description query_invalid, path_invalid, request_malformed */
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
            /** @description forbidden */
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
            /** @description database_unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
            /** @description Alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        checks?: {
                            [key: string]: string;
                        };
                    };
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
            /** @description Ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description Not ready; `checks` names the failing check. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
}
