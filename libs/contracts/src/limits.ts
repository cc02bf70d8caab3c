// Every bound of the posting contract, in one place. Names carry the qualifier last
// (`descriptionLengthMax`), so a reader sees what is bounded first and how second.

/** Integer digits of an amount: `numeric(15,2)` in PostgreSQL leaves 13 before the point. */
export const amountIntegerDigitsMax = 13;
/** Decimal places of an amount: cents, never fractions of a cent. */
export const amountDecimalPlacesMax = 2;
/** The largest amount the contract accepts, as a decimal string. */
export const amountMax = '9999999999999.99';

export const branchLengthMax = 10;
export const accountLengthMax = 20;
/** Event codes (código de histórico) are chosen by the bank; 494 is a typical one. */
export const eventCodeMin = 1;
export const eventCodeMax = 999_999;
export const descriptionLengthMax = 200;
/** Producer-owned `details`, measured as UTF-8 bytes of its JSON text. */
export const detailsBytesMax = 4_096;
/**
 * Nesting levels of `details` (the object itself is level 1). Deep enough for any producer's
 * metadata, shallow enough that no reader of a stored posting has to recurse far.
 */
export const detailsDepthMax = 32;
/** Postings in one `POST /v1/transactions` request. */
export const requestPostingsMax = 1_000;
/**
 * Bytes of one `POST /v1/transactions` body. A typical posting is 250–400 bytes of JSON, so a
 * full request of `requestPostingsMax` fits; postings with large `details` must come in smaller
 * requests (413 `request_too_large` says so).
 */
export const requestBodyBytesMax = 1_048_576;
/**
 * Bytes of one broker message body: SNS and SQS both cap a message at 256 KiB. Ingest packs
 * many postings into one message up to this size; the largest possible posting (4 KiB of
 * details) is far below it, so every posting fits in a message of its own.
 */
export const messageBytesMax = 262_144;
/**
 * Entries one problem's `errors[]` lists (the first ones, in request order); `errorsTotal`
 * counts them all, so a large bad request never earns a larger answer.
 */
export const errorItemsMax = 100;
/** Items per page of every list of the query API (and of ledger-core's list queries). */
export const pageLimitMax = 500;
export const pageLimitDefault = 100;
/**
 * Days one statement, balance or search request may span, from and to inclusive. A leap year
 * covers any annual statement; longer ranges are asked for in pieces, so one request never
 * touches more than thirteen monthly partitions of flow.transaction.
 */
export const dateRangeDaysMax = 366;
/** An account holder's name in the catalog. */
export const holderNameLengthMax = 200;
/** A branch's name in the catalog (the schema's check on flow.branch.name). */
export const branchNameLengthMax = 200;
/** A posting's producer (the posting token's `client_id` or `sub`), as stored and searched. */
export const producerLengthMax = 200;
