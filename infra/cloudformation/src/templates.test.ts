// Every template parses with CloudFormation's tags, fits the resource specification, and every
// reference resolves, within the template and across stacks. Each check is also shown failing on
// a template broken on purpose.
import { checkSpecification } from './check-specification.ts';
import { checkImports, checkReferences } from './check-references.ts';
import { clone, environmentStacks, loadTemplates, readText } from './load.ts';
import type { StackName } from './load.ts';

/** `aws cloudformation deploy --template-file` uploads a body of at most this size without S3. */
const templateBodyBytesMax = 51_200;

const templates = loadTemplates();
const stacks = Object.keys(templates) as StackName[];

describe.each(stacks)('%s template', (stack) => {
  test('parses with CloudFormation tags into long-form intrinsics', () => {
    expect(Object.keys(templates[stack].Resources).length).toBeGreaterThan(0);
    expect(JSON.stringify(templates[stack])).not.toMatch(/"!(Ref|GetAtt|Sub)/);
  });
  test('fits the CloudFormation resource specification', () => {
    expect(checkSpecification(templates[stack])).toEqual([]);
  });
  test('resolves every Ref, GetAtt, Sub variable, condition and dependency, and uses every parameter', () => {
    expect(checkReferences(templates[stack])).toEqual([]);
  });
  test('is small enough to deploy without an S3 upload', () => {
    expect(Buffer.byteLength(readText(`templates/${stack}.yaml`))).toBeLessThanOrEqual(templateBodyBytesMax);
  });
});

test('every ImportValue names an export of a stack deployed before it', () => {
  expect(checkImports(templates, environmentStacks)).toEqual([]);
  expect(checkImports(templates, [...environmentStacks].reverse()).length).toBeGreaterThan(0);
});

describe('the checks catch broken templates', () => {
  test('an unknown type, an unknown property, a missing required property, a wrong literal', () => {
    const broken = clone(templates.messaging);
    broken.Resources.RequestTopic!.Type = 'AWS::SNS::Topics';
    broken.Resources.CallbackTopic!.Properties!.KmsKey = 'x';
    delete broken.Resources.TransactionSubscription!.Properties!.Protocol;
    broken.Resources.TransactionQueue!.Properties!.ReceiveMessageWaitTimeSeconds = 'twenty';
    expect(checkSpecification(broken)).toEqual([
      'RequestTopic: unknown resource type AWS::SNS::Topics',
      'CallbackTopic: unknown property KmsKey',
      'TransactionQueue.ReceiveMessageWaitTimeSeconds: expected a number',
      'TransactionSubscription: missing required property Protocol',
    ]);
  });
  test('a nested property the specification does not know, inside a conditional branch', () => {
    const broken = clone(templates.services);
    const containers = broken.Resources.IngestTask!.Properties!.ContainerDefinitions as Record<string, unknown>[];
    const datadog = (containers[1]!['Fn::If'] as Record<string, unknown>[])[1]!;
    datadog.Essentail = false;
    expect(checkSpecification(broken)).toEqual(['IngestTask.ContainerDefinitions[1]: unknown property Essentail']);
  });
  test('a dangling Ref, GetAtt, Sub variable and condition, and an unused parameter', () => {
    const broken = clone(templates.data);
    broken.Resources.Primary!.Properties!.KmsKeyId = { Ref: 'DatabaseKeys' };
    broken.Resources.ReadRecordPrimary!.Properties!.ResourceRecords = [{ 'Fn::GetAtt': ['Primary', 'Endpoint.Host'] }];
    broken.Resources.DatabaseKey!.Properties!.Description = { 'Fn::Sub': 'flow-${Environment}' };
    broken.Resources.ReplicaTwo!.Condition = 'HasThreeReplicas';
    broken.Parameters!.Unused = { Type: 'String' };
    expect(checkReferences(broken)).toEqual([
      'Resources.DatabaseKey: Environment is not a parameter, resource or pseudo parameter',
      'Resources.Primary: DatabaseKeys is not a parameter, resource or pseudo parameter',
      'Resources.ReplicaTwo: unknown condition HasThreeReplicas',
      'Resources.ReadRecordPrimary: AWS::RDS::DBInstance has no attribute Endpoint.Host',
      'Parameters.Unused: never used',
    ]);
  });
  test('an import of a name nobody exports', () => {
    const broken = { ...templates, services: clone(templates.services) };
    broken.services.Resources.WorkerEventSource!.Properties!.EventSourceArn = {
      'Fn::ImportValue': { 'Fn::Sub': 'flow-${EnvironmentName}-TransactionQueueArnn' },
    };
    expect(checkImports(broken, environmentStacks)).toEqual([
      'services: imports flow-${EnvironmentName}-TransactionQueueArnn, which no earlier stack exports',
    ]);
  });
});
