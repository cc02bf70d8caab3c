// Ingest's configuration: defaults a task can run with, and a ConfigError naming every bad or
// missing variable at start-up.
import { ConfigError } from '@flow/service-kit';
import {
  breakerResetMsDefault,
  portDefault,
  publishLingerMsDefault,
  publishLingerMsMax,
  publishTimeoutMsDefault,
  publishesInFlightDefault,
  readIngestConfig,
  shutdownDrainMsDefault,
  shutdownDrainMsMax,
} from './config.ts';

const minimal = {
  FLOW_JWT_SECRET: 'flow-ingest-test-secret-of-at-least-32-bytes',
  FLOW_REQUEST_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:flow-request',
};

function problemsOf(environment: Record<string, string>): readonly string[] {
  try {
    readIngestConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readIngestConfig', () => {
  test('defaults: all interfaces on 8081, info logs, the publish bounds of config.ts, frozen', () => {
    const config = readIngestConfig(minimal);
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: portDefault,
      logLevel: 'info',
      requestTopicArn: minimal.FLOW_REQUEST_TOPIC_ARN,
      auth: { mode: 'embedded' },
      aws: { endpoint: undefined },
      publish: {
        lingerMs: publishLingerMsDefault,
        timeoutMs: publishTimeoutMsDefault,
        breakerResetMs: breakerResetMsDefault,
        inFlightMax: publishesInFlightDefault,
      },
      shutdownDrainMs: shutdownDrainMsDefault,
    });
    expect(shutdownDrainMsDefault).toBe(0); // tests and the embedded stack stop at once
    expect(Object.isFrozen(config.publish)).toBe(true);
  });

  test('every variable it reads', () => {
    const config = readIngestConfig({
      ...minimal,
      FLOW_HOST: '127.0.0.1', FLOW_PORT: '9000', FLOW_LOG_LEVEL: 'debug', FLOW_AWS_ENDPOINT: 'http://127.0.0.1:4566',
      FLOW_AWS_REGION: 'sa-east-1', FLOW_PUBLISH_LINGER_MS: '0', FLOW_PUBLISH_TIMEOUT_MS: '500',
      FLOW_PUBLISH_BREAKER_RESET_MS: '5000', FLOW_PUBLISH_IN_FLIGHT_MAX: '4', FLOW_SHUTDOWN_DRAIN_MS: String(shutdownDrainMsMax),
    });
    expect(config).toMatchObject({
      host: '127.0.0.1', port: 9000, logLevel: 'debug',
      aws: { region: 'sa-east-1', endpoint: 'http://127.0.0.1:4566' },
      publish: { lingerMs: 0, timeoutMs: 500, breakerResetMs: 5000, inFlightMax: 4 },
      shutdownDrainMs: shutdownDrainMsMax,
    });
  });

  test.each([
    ['FLOW_REQUEST_TOPIC_ARN', { FLOW_REQUEST_TOPIC_ARN: '' }],
    ['FLOW_PORT', { FLOW_PORT: 'http' }],
    ['FLOW_PORT', { FLOW_PORT: '65536' }],
    ['FLOW_LOG_LEVEL', { FLOW_LOG_LEVEL: 'verbose' }],
    ['FLOW_PUBLISH_LINGER_MS', { FLOW_PUBLISH_LINGER_MS: String(publishLingerMsMax + 1) }],
    ['FLOW_PUBLISH_TIMEOUT_MS', { FLOW_PUBLISH_TIMEOUT_MS: '1.5' }],
    ['FLOW_PUBLISH_BREAKER_RESET_MS', { FLOW_PUBLISH_BREAKER_RESET_MS: '10' }],
    ['FLOW_PUBLISH_IN_FLIGHT_MAX', { FLOW_PUBLISH_IN_FLIGHT_MAX: '0' }],
    ['FLOW_SHUTDOWN_DRAIN_MS', { FLOW_SHUTDOWN_DRAIN_MS: String(shutdownDrainMsMax + 1) }],
    ['FLOW_SHUTDOWN_DRAIN_MS', { FLOW_SHUTDOWN_DRAIN_MS: '-1' }],
    ['FLOW_AWS_ENDPOINT', { FLOW_AWS_ENDPOINT: 'not a url' }],
    ['FLOW_JWT_SECRET', { FLOW_JWT_SECRET: 'short' }],
  ])('a bad %s is a ConfigError naming it', (variable, bad) => {
    const problems = problemsOf({ ...minimal, ...bad });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(variable);
  });

  test('every problem at once, not only the first', () => {
    const problems = problemsOf({ FLOW_PORT: '-1', FLOW_PUBLISH_LINGER_MS: 'soon' });
    expect(problems.join('\n')).toMatch(/FLOW_REQUEST_TOPIC_ARN[\s\S]*FLOW_PORT|FLOW_PORT[\s\S]*FLOW_REQUEST_TOPIC_ARN/);
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });
});
