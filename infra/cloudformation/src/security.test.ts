// The security rules of issue 4 hold on every template, and each rule is shown catching the
// mistake it exists for.
import {
  checkDatabaseNotPublic, checkDeadLetters, checkEncryption, checkLeastPrivilege, checkQueuePolicies, dataPlaneGrants,
} from './check-security.ts';
import { clone, loadTemplates } from './load.ts';
import type { Template } from './load.ts';

const templates = loadTemplates();
const rules = { checkEncryption, checkDatabaseNotPublic, checkDeadLetters, checkQueuePolicies, checkLeastPrivilege };

describe.each(Object.keys(rules))('%s', (rule) => {
  test.each(Object.keys(templates))('holds on %s', (stack) => {
    expect(rules[rule as keyof typeof rules](templates[stack as keyof typeof templates])).toEqual([]);
  });
});

// The whole data-plane reach of each service, exactly: adding a grant fails here until reviewed.
const expectedGrants: Record<string, string[]> = {
  IngestTaskRole: [
    'kms:Decrypt -> import:BrokerKeyArn',
    'kms:GenerateDataKey -> import:BrokerKeyArn',
    'sns:Publish -> import:RequestTopicArn',
  ],
  WorkerTaskRole: [
    'kms:Decrypt -> import:BrokerKeyArn',
    'kms:Decrypt -> import:DatabaseKeyArn',
    'kms:GenerateDataKey -> import:BrokerKeyArn',
    'secretsmanager:GetSecretValue -> import:DatabaseWorkerSecretArn',
    'sns:Publish -> import:CallbackTopicArn',
    'sqs:ChangeMessageVisibility -> import:TransactionQueueArn',
    'sqs:DeleteMessage -> import:TransactionQueueArn',
    'sqs:GetQueueAttributes -> import:TransactionDeadLetterQueueArn',
    'sqs:GetQueueAttributes -> import:TransactionQueueArn',
    'sqs:GetQueueUrl -> import:TransactionDeadLetterQueueArn',
    'sqs:ReceiveMessage -> import:TransactionQueueArn',
  ],
  QueryTaskRole: [
    'kms:Decrypt -> import:DatabaseKeyArn',
    'secretsmanager:GetSecretValue -> import:DatabaseCatalogSecretArn',
    'secretsmanager:GetSecretValue -> import:DatabaseReaderSecretArn',
  ],
  // The scheduled `flow` tasks: the lake (its objects and listing), the dead-letter queue they drain
  // (named by its queue name), the transaction queue they send back to.
  OperationsTaskRole: [
    'kms:Decrypt -> import:BrokerKeyArn',
    'kms:Decrypt -> import:DatabaseKeyArn',
    'kms:GenerateDataKey -> import:BrokerKeyArn',
    'kms:GenerateDataKey -> import:DatabaseKeyArn',
    's3:GetObject -> ${Bucket}/*',
    's3:ListBucket -> import:LakeBucketArn',
    's3:PutObject -> ${Bucket}/*',
    'sqs:DeleteMessage -> arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}',
    'sqs:GetQueueAttributes -> arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}',
    'sqs:ReceiveMessage -> arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Name}',
    'sqs:SendMessage -> import:TransactionQueueArn',
  ],
  // Archive and restore change partitions: the schema owner's secret, for these tasks only.
  OperationsExecutionRole: [
    'kms:Decrypt -> import:DatabaseKeyArn',
    'secretsmanager:GetSecretValue -> import:DatabaseSecretArn',
  ],
  // Runs one task definition and passes its two roles: no data-plane reach at all.
  SchedulerRole: [],
  // Each service's own login secrets; the master secret (migrations) is read by no service.
  ExecutionRole: [
    'kms:Decrypt -> import:DatabaseKeyArn',
    'secretsmanager:GetSecretValue -> import:DatabaseCatalogSecretArn',
    'secretsmanager:GetSecretValue -> import:DatabaseReaderSecretArn',
    'secretsmanager:GetSecretValue -> import:DatabaseWorkerSecretArn',
    'secretsmanager:GetSecretValue -> ref:DatadogApiKeySecretArn',
  ],
};

test.each(Object.keys(expectedGrants))('%s reaches only its own topic, queue and secret', (role) => {
  expect(dataPlaneGrants(templates.services, role)).toEqual(expectedGrants[role]);
});

test('service roles carry no managed policies, whose contents these checks cannot see', () => {
  for (const resource of Object.values(templates.services.Resources)) {
    if (resource.Type === 'AWS::IAM::Role') expect(resource.Properties?.ManagedPolicyArns).toBeUndefined();
  }
});

function statementsOf(template: Template, role: string): Record<string, unknown>[] {
  const policies = template.Resources[role]!.Properties!.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[];
  return policies[0]!.PolicyDocument.Statement;
}

describe('the rules catch broken templates', () => {
  test('unencrypted database, queue and topic', () => {
    const data = clone(templates.data);
    data.Resources.ReplicaOne!.Properties!.StorageEncrypted = false;
    const messaging = clone(templates.messaging);
    delete messaging.Resources.TransactionDeadLetterQueue!.Properties!.KmsMasterKeyId;
    delete messaging.Resources.CallbackTopic!.Properties!.KmsMasterKeyId;
    expect([...checkEncryption(data), ...checkEncryption(messaging)]).toEqual([
      'ReplicaOne: database storage not encrypted',
      'TransactionDeadLetterQueue: queue not encrypted',
      'CallbackTopic: topic not encrypted',
    ]);
  });
  test('a publicly accessible or unspecified database', () => {
    const data = clone(templates.data);
    data.Resources.Primary!.Properties!.PubliclyAccessible = true;
    delete data.Resources.ReplicaTwo!.Properties!.PubliclyAccessible;
    expect(checkDatabaseNotPublic(data)).toEqual([
      'Primary: database must set PubliclyAccessible: false',
      'ReplicaTwo: database must set PubliclyAccessible: false',
    ]);
  });
  test('a queue without a dead-letter queue', () => {
    const messaging = clone(templates.messaging);
    delete messaging.Resources.TransactionQueue!.Properties!.RedrivePolicy;
    expect(checkDeadLetters(messaging)).toEqual([
      'TransactionDeadLetterQueue: queue has no dead-letter queue',
      'TransactionQueue: queue has no dead-letter queue',
    ]);
  });
  test('a queue policy that lets anyone send, or drops the topic condition', () => {
    const messaging = clone(templates.messaging);
    const [statement] = (messaging.Resources.TransactionQueuePolicy!.Properties!.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    statement!.Principal = '*';
    statement!.Action = 'sqs:*';
    delete statement!.Condition;
    expect(checkQueuePolicies(messaging)).toEqual([
      'TransactionQueuePolicy: principal "*" may send',
      'TransactionQueuePolicy: grants sqs:*',
      'TransactionQueuePolicy: send not limited to a topic',
    ]);
  });
  test('a wildcard action, a wildcard data-plane resource, and a grant beyond the service', () => {
    const services = clone(templates.services);
    statementsOf(services, 'QueryTaskRole').push(
      { Effect: 'Allow', Action: 'sqs:*', Resource: { 'Fn::ImportValue': { 'Fn::Sub': 'flow-${EnvironmentName}-TransactionQueueArn' } } },
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
    );
    statementsOf(services, 'IngestTaskRole').push({ Effect: 'Allow', Action: 'sns:Publish', Resource: { 'Fn::ImportValue': { 'Fn::Sub': 'flow-${EnvironmentName}-CallbackTopicArn' } } });
    expect(checkLeastPrivilege(services)).toEqual([
      'QueryTaskRole: wildcard action sqs:*',
      'QueryTaskRole: wildcard resource * for secretsmanager:GetSecretValue',
    ]);
    expect(dataPlaneGrants(services, 'IngestTaskRole')).not.toEqual(expectedGrants.IngestTaskRole);
  });
});

test('the KMS keys of the database and the broker outlive their stacks (DeletionPolicy and UpdateReplacePolicy Retain)', () => {
  const keys = [templates.data.Resources.DatabaseKey, templates.messaging.Resources.BrokerKey];
  for (const key of keys) expect([key?.DeletionPolicy, key?.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
});
