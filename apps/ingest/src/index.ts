// @flow/ingest: the HTTP intake service, as a library for the embedded stack and the tests
// (`readIngestConfig` + `startIngest`), and its parts for whoever composes them differently.
export { createIngestApp, type IngestDependencies } from './app.ts';
export {
  breakerResetMsDefault,
  ingestService,
  portDefault,
  publishLingerMsDefault,
  publishLingerMsMax,
  publishTimeoutMsDefault,
  publishesInFlightDefault,
  readIngestConfig,
  shutdownDrainMsDefault,
  shutdownDrainMsMax,
  type IngestConfig,
  type PublishConfig,
} from './config.ts';
export {
  BrokerUnavailableError,
  createPostingPublisher,
  queuedPostingsMax,
  type PostingPublisher,
  type PublisherOptions,
  type PublishFailureReason,
} from './publisher.ts';
export { runIngestFromEnvironment, startIngest, type IngestOverrides, type RunningIngest } from './start.ts';
