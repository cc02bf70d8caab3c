// @flow/contracts: the typed contracts every Flow app shares. Pure: no I/O, no dependencies.
export { brokerNames, type BrokerNames } from './broker-names.ts';
export {
  apiErrorCodes,
  rejectionCodes,
  validationCodes,
  type ApiErrorCode,
  type ApiErrorDefinition,
  type CodeDefinition,
  type RejectionCode,
  type ValidationCode,
} from './codes.ts';
export * as limits from './limits.ts';
export { formatCents, parseCents } from './money.ts';
export {
  isCalendarDate,
  validatePosting,
  validatePostingDraft,
  type DebitCredit,
  type FieldError,
  type Posting,
  type PostingDraft,
  type PostingValidation,
} from './posting.ts';
