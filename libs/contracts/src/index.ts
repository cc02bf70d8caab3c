// @flow/contracts: the typed contracts every Flow app shares. Pure: no I/O; its one runtime
// dependency is the schema pair of schemas/ (TypeBox for the shapes, Ajv to check them).
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
export { answerChecker, type AnswerToCheck } from './openapi/answer-check.ts';
export type { Static, TObject, TSchema } from '@sinclair/typebox';
export { checkFields, checkParameters, expectation, fieldPointer, isInstant, parameterPointer, schemaFormats, schemaValidator, type Checked } from './schemas/check.ts';
export { queryApiParameters, searchStatuses, statementExports, statementFormats, type OperationParameters, type ParameterLocation, type QueryApiOperation } from './schemas/parameters.ts';
export * as schemas from './schemas/responses.ts';
