// The shapes of the identifiers every Flow app checks: one definition, used by the posting
// contract, the query API's parameters and the OpenAPI documents (as pattern strings).
import { accountLengthMax, branchLengthMax } from './limits.ts';

/** A UUID in any case (Flow stores and answers lower case). */
export const uuidPatternSource = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** A branch (agência): letters and digits, at most `branchLengthMax`. */
export const branchPatternSource = `^[A-Za-z0-9]{1,${branchLengthMax}}$`;
/** An account (conta): letters and digits, at most `accountLengthMax`. */
export const accountPatternSource = `^[A-Za-z0-9]{1,${accountLengthMax}}$`;

/**
 * A W3C trace id (trace-context `traceparent`): 32 lower-case hex digits, not all zero. Ingest
 * stamps each posting with its request's, so the worker's batch and the outcome name the trace.
 */
export const traceIdPatternSource = '^(?!0{32})[0-9a-f]{32}$';

export const uuidPattern = new RegExp(uuidPatternSource);
export const traceIdPattern = new RegExp(traceIdPatternSource);
export const branchPattern = new RegExp(branchPatternSource);
export const accountPattern = new RegExp(accountPatternSource);
