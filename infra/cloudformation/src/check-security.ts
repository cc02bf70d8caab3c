// Security rules the templates must keep: encryption at rest on every database, topic, queue and
// bucket; no publicly accessible database; a dead-letter queue behind every queue; queue policies
// that let only an SNS topic of the stack send; and IAM policies without wildcard actions, whose
// data-plane statements (sqs, sns, secretsmanager, kms, s3, rds-db) name their resources.
// KMS key policies are out of scope: AWS requires `Resource: "*"` there (it means the key itself).
import type { Template, TemplateResource } from './load.ts';

type Statement = { Effect?: string; Action?: string | string[]; Resource?: unknown; Principal?: unknown; Condition?: unknown };

export const dataPlaneServices = ['sqs', 'sns', 'secretsmanager', 'kms', 's3', 'rds-db'] as const;

const resourcesOf = (template: Template, type: string): [string, TemplateResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : [value].flat() as T[]);

/** Statements of a policy document, both branches of a conditional statement included. */
function statementsOf(document: unknown): Statement[] {
  const raw = list((document as { Statement?: unknown } | undefined)?.Statement);
  return raw.flatMap((statement) => {
    const branches = (statement as { 'Fn::If'?: unknown[] })['Fn::If'];
    return (branches ? branches.slice(1) : [statement]).filter(
      (branch) => (branch as { Ref?: string }).Ref !== 'AWS::NoValue',
    ) as Statement[];
  });
}

/** A short, readable name for a policy resource expression, e.g. `import:RequestTopicArn`. */
export function describeResource(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::ImportValue' in node) {
    const pattern = String((node['Fn::ImportValue'] as Record<string, unknown>)['Fn::Sub']);
    return `import:${pattern.replace('flow-${EnvironmentName}-', '')}`;
  }
  if ('Ref' in node) return `ref:${String(node.Ref)}`;
  if ('Fn::GetAtt' in node) return (node['Fn::GetAtt'] as string[]).join('.');
  if ('Fn::Sub' in node) return String([node['Fn::Sub']].flat()[0]);
  return JSON.stringify(value);
}

export function checkEncryption(template: Template): string[] {
  const errors: string[] = [];
  for (const [id, r] of resourcesOf(template, 'AWS::RDS::DBInstance')) {
    if (r.Properties?.StorageEncrypted !== true) errors.push(`${id}: database storage not encrypted`);
  }
  for (const [id, r] of resourcesOf(template, 'AWS::SQS::Queue')) {
    if (r.Properties?.KmsMasterKeyId === undefined && r.Properties?.SqsManagedSseEnabled !== true) {
      errors.push(`${id}: queue not encrypted`);
    }
  }
  for (const [id, r] of resourcesOf(template, 'AWS::SNS::Topic')) {
    if (r.Properties?.KmsMasterKeyId === undefined) errors.push(`${id}: topic not encrypted`);
  }
  for (const [id, r] of resourcesOf(template, 'AWS::S3::Bucket')) {
    if (r.Properties?.BucketEncryption === undefined) errors.push(`${id}: bucket not encrypted`);
  }
  return errors;
}

export function checkDatabaseNotPublic(template: Template): string[] {
  return resourcesOf(template, 'AWS::RDS::DBInstance')
    .filter(([, r]) => r.Properties?.PubliclyAccessible !== false)
    .map(([id]) => `${id}: database must set PubliclyAccessible: false`);
}

/** Every queue has a redrive policy, unless it is itself the dead-letter target of one. */
export function checkDeadLetters(template: Template): string[] {
  const queues = resourcesOf(template, 'AWS::SQS::Queue');
  const targets = new Set(
    queues.map(([, r]) => describeResource((r.Properties?.RedrivePolicy as { deadLetterTargetArn?: unknown })?.deadLetterTargetArn ?? '')),
  );
  return queues
    .filter(([id, r]) => r.Properties?.RedrivePolicy === undefined && !targets.has(`${id}.Arn`))
    .map(([id]) => `${id}: queue has no dead-letter queue`);
}

/** Queue policies may only let sns.amazonaws.com send, on behalf of a topic of this stack. */
export function checkQueuePolicies(template: Template): string[] {
  const errors: string[] = [];
  const topics = new Set(resourcesOf(template, 'AWS::SNS::Topic').map(([id]) => `ref:${id}`));
  for (const [id, r] of resourcesOf(template, 'AWS::SQS::QueuePolicy')) {
    for (const statement of statementsOf(r.Properties?.PolicyDocument)) {
      if (statement.Effect !== 'Allow') continue;
      const principal = JSON.stringify(statement.Principal);
      const source = (statement.Condition as { ArnEquals?: Record<string, unknown> } | undefined)?.ArnEquals?.['aws:SourceArn'];
      const actions = list(statement.Action);
      if (principal !== JSON.stringify({ Service: 'sns.amazonaws.com' })) errors.push(`${id}: principal ${principal} may send`);
      if (actions.some((action) => action !== 'sqs:SendMessage')) errors.push(`${id}: grants ${actions.join(', ')}`);
      if (source === undefined || !topics.has(describeResource(source))) errors.push(`${id}: send not limited to a topic`);
    }
  }
  return errors;
}

/** Statements of every IAM policy in the template, keyed by the role or policy that holds them. */
export function iamStatements(template: Template): [string, Statement][] {
  const found: [string, Statement][] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::IAM::Role') {
      for (const policy of list(r.Properties?.Policies as { PolicyDocument: unknown }[])) {
        for (const statement of statementsOf(policy.PolicyDocument)) found.push([id, statement]);
      }
    }
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') {
      for (const statement of statementsOf(r.Properties?.PolicyDocument)) found.push([id, statement]);
    }
  }
  return found;
}

const isDataPlane = (action: string): boolean => dataPlaneServices.some((service) => action.startsWith(`${service}:`));

export function checkLeastPrivilege(template: Template): string[] {
  const errors: string[] = [];
  for (const [id, statement] of iamStatements(template)) {
    const actions = list(statement.Action);
    for (const action of actions) if (action.includes('*')) errors.push(`${id}: wildcard action ${action}`);
    if (!actions.some(isDataPlane)) continue;
    for (const resource of list(statement.Resource)) {
      if (typeof resource === 'string' && resource.includes('*')) errors.push(`${id}: wildcard resource ${resource} for ${actions.join(', ')}`);
    }
  }
  return errors;
}

/** The data-plane grants of one role, as sorted `action -> resource` lines. */
export function dataPlaneGrants(template: Template, role: string): string[] {
  return iamStatements(template)
    .filter(([id]) => id === role)
    .flatMap(([, statement]) =>
      list(statement.Action)
        .filter(isDataPlane)
        .flatMap((action) => list(statement.Resource).map((resource) => `${action} -> ${describeResource(resource)}`)),
    )
    .sort();
}
