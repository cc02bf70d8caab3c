// Every environment file values every parameter the tooling does not fill, and nothing more;
// the values fit the templates' constraints; and the broker names and redrive count reach the
// messaging stack from @flow/contracts (the file the embedded stack reads), nowhere else.
import { brokerNames } from '@flow/contracts';
import { checkCoverage, checkValues } from './check-environments.ts';
import { clone, environments, environmentStacks, loadEnvironmentFile, loadTemplates, toolingStacks } from './load.ts';
import type { Template } from './load.ts';
import { stackParameters, toolingParameterNames } from './parameters.ts';

const templates = loadTemplates();
const environmentStacksWithRole = [...environmentStacks, 'deploy-role'] as const;

/** Visibility timeout over Lambda timeout: AWS's guidance for an SQS event source. */
const visibilityOverLambdaTimeoutMin = 6;

describe.each(environments)('%s environment file', (environment) => {
  const file = loadEnvironmentFile(environment);
  test('covers every parameter of every stack, and nothing more', () => {
    expect(checkCoverage(file, templates, environmentStacksWithRole)).toEqual([]);
  });
  test('values fit the parameter constraints and agree across stacks', () => {
    expect(checkValues(file, templates)).toEqual([]);
  });
  test('values that depend on each other are consistent', () => {
    const { data, messaging, services } = file as Record<string, Record<string, number>>;
    expect(data!.DatabaseStorageMaxGiB).toBeGreaterThan(data!.DatabaseStorageGiB!);
    expect(messaging!.TransactionVisibilityTimeoutSeconds).toBeGreaterThanOrEqual(
      visibilityOverLambdaTimeoutMin * services!.WorkerLambdaTimeoutSeconds!,
    );
    for (const app of ['Ingest', 'Query', 'Worker']) {
      expect(services![`${app}TaskCountMin`]).toBeLessThanOrEqual(services![`${app}TaskCountMax`]!);
    }
  });
});

test('the tooling file covers the pipeline stack', () => {
  const file = loadEnvironmentFile('tooling');
  expect(checkCoverage(file, templates, toolingStacks)).toEqual([]);
  expect(checkValues(file, templates)).toEqual([]);
});

/** Resolves Ref-to-parameter, the only intrinsic broker names travel through. */
function resolve(value: unknown, parameters: Record<string, string>): unknown {
  const ref = (value as { Ref?: string } | null)?.Ref;
  return ref !== undefined && ref in parameters ? parameters[ref] : value;
}

function deployedBrokerNames(template: Template): Record<string, unknown> {
  const parameters = stackParameters(template, 'messaging', loadEnvironmentFile('prod'), 'prod', 'release');
  const property = (id: string, name: string): unknown => resolve(template.Resources[id]?.Properties?.[name], parameters);
  const redrive = template.Resources.TransactionQueue?.Properties?.RedrivePolicy as { maxReceiveCount: unknown };
  return {
    requestTopic: property('RequestTopic', 'TopicName'),
    transactionQueue: property('TransactionQueue', 'QueueName'),
    transactionDeadLetterQueue: property('TransactionDeadLetterQueue', 'QueueName'),
    callbackTopic: property('CallbackTopic', 'TopicName'),
    redriveReceiveCountMax: Number(resolve(redrive.maxReceiveCount, parameters)),
  };
}

describe('broker names come from one source', () => {
  test('the deployed topic and queue names and the redrive count equal broker-names.json', () => {
    expect(deployedBrokerNames(templates.messaging)).toEqual({ ...brokerNames });
  });
  test('no template defaults them and no environment file repeats them', () => {
    for (const template of Object.values(templates)) {
      for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
        if (toolingParameterNames.includes(name)) expect(parameter.Default).toBeUndefined();
      }
    }
    for (const environment of environments) {
      const given = Object.values(loadEnvironmentFile(environment)).flatMap((values) => Object.keys(values));
      expect(given.filter((name) => toolingParameterNames.includes(name))).toEqual([]);
    }
  });
  test('a hard-coded name or redrive count is caught', () => {
    const broken = clone(templates.messaging);
    broken.Resources.RequestTopic!.Properties!.TopicName = 'flow-requests';
    (broken.Resources.TransactionQueue!.Properties!.RedrivePolicy as Record<string, unknown>).maxReceiveCount = 3;
    expect(deployedBrokerNames(broken)).not.toEqual({ ...brokerNames });
  });
});

describe('the checks catch broken environment files', () => {
  test('a missing parameter, an extra parameter, a tooling-owned name, an unknown stack', () => {
    const broken = clone(loadEnvironmentFile('dev'));
    delete broken.data!.ReadReplicaCount;
    broken.services!.FlowVerbose = 'true';
    broken.messaging!.TransactionQueueName = 'flow-transaction';
    broken.cache = {};
    expect(checkCoverage(broken, templates, environmentStacksWithRole)).toEqual([
      'unknown stack cache',
      'data: missing ReadReplicaCount',
      'messaging: TransactionQueueName is not a parameter it may set',
      'services: FlowVerbose is not a parameter it may set',
    ]);
  });
  test('a value outside its constraints, and one stack disagreeing with another', () => {
    const broken = clone(loadEnvironmentFile('prod'));
    broken.data!.ReadReplicaCount = 3;
    broken.network!.VpcCidr = '10.0.0.0/8';
    broken.edge!.JwtIssuer = 'https://other.example.com';
    expect(checkValues(broken, templates)).toEqual([
      'network.VpcCidr: 10.0.0.0/8 !~ ^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}/16$',
      'data.ReadReplicaCount: 3 is not one of 0, 1, 2',
      'edge.JwtIssuer: https://other.example.com differs from https://login.example.com/flow-prod',
    ]);
  });
});
