// @flow/client: a typed client of Flow's ingest and query APIs, generated from their OpenAPI
// documents (src/generated) with a thin fetch wrapper (client.ts), and the callback envelope
// types a producer reads its outcomes with.
export { bodyOf, everyItem, FlowClient, FlowProblemError, type FlowAnswer, type FlowClientOptions, type FlowService } from './client.ts';
export { decodeOutcomeMessage, outcomeMessageKind } from '@flow/contracts';
export type * from './types.ts';
