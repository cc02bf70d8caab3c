// @flow/contracts: the typed contracts every Flow app shares. Pure: no I/O, no dependencies.
export { brokerNames, type BrokerNames } from './broker-names.ts';
export {
  apiErrorCodes,
  authFailureReasons,
  type AuthFailureReason,
  rejectionCodes,
  validationCodes,
  type ApiErrorCode,
  logCodes,
  type ApiErrorDefinition,
  type CodeDefinition,
  type LogCode,
  type RejectionCode,
  type ValidationCode,
} from './codes.ts';
export * as limits from './limits.ts';
export { exactJsonReviver, InexactNumber, numberIsExact, parseExactJson, textStorable } from './exact-json.ts';
export {
  accountPattern,
  accountPatternSource,
  branchPattern,
  branchPatternSource,
  uuidPattern,
  uuidPatternSource,
  traceIdPattern,
  traceIdPatternSource,
} from './patterns.ts';
export { formatCents, parseCents } from './money.ts';
export {
  isCalendarDate,
  isProducer,
  validatePosting,
  validatePostingDraft,
  type DebitCredit,
  type FieldError,
  type Posting,
  type PostingDraft,
  type PostingValidation,
} from './posting.ts';
export {
  balanceChangeMessageKind,
  decodeBalanceChangeMessage,
  decodeOutcomeMessage,
  decodePostingMessage,
  encodeBalanceChangeMessages,
  callbackAttributesBytesMax,
  encodeCallbackMessages,
  encodeOutcomeMessages,
  encodePostingMessage,
  messageVersion,
  outcomeMessageKind,
  postingMessageKind,
  type BalanceChange,
  type BalanceChangeMessage,
  type CallbackAttributes,
  type CallbackMessage,
  type MessageDecoding,
  type OutcomeMessage,
  type PostingMessage,
  type PostingOutcomeMessage,
} from './messages.ts';
export {
  errorsDetail,
  jsonPointer,
  problemContentType,
  problemInstancePrefix,
  problemOf,
  problemType,
  problemTypeBase,
  type Problem,
  type ProblemError,
  type ProblemErrorCode,
  type ProblemOccurrence,
} from './problems.ts';
export { buildOpenApiDocument, errorResponses, type OpenApiDocument, type OpenApiService } from './openapi/document.ts';
