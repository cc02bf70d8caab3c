// Loads what the infrastructure checks read: the templates (parsed with CloudFormation's YAML
// tags, short forms normalised to their long form), the per-environment parameter files, and the
// CloudFormation resource specification published by AWS (@aws-cdk/aws-service-spec, the database
// the CDK generates its L1 constructs from, rebuilt from the CloudFormation registry schemas).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { yamlParse } from 'yaml-cfn';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

export const infraRoot = fileURLToPath(new URL('..', import.meta.url));

/** Stacks deployed into each environment's account, in deployment order (imports flow forward). */
export const environmentStacks = ['network', 'data', 'messaging', 'services', 'edge', 'monitoring'] as const;
/** Stacks deployed once into the tooling account. */
export const toolingStacks = ['pipeline'] as const;
export const environments = ['dev', 'uat', 'prod'] as const;

export type StackName = (typeof environmentStacks)[number] | (typeof toolingStacks)[number] | 'deploy-role';
export type EnvironmentName = (typeof environments)[number];

/** A parsed template: plain JSON-shaped data, intrinsics in long form (`{ "Fn::GetAtt": [...] }`). */
export type Template = {
  Parameters?: Record<string, TemplateParameter>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown }; Condition?: string }>;
  [section: string]: unknown;
};
export type TemplateParameter = {
  Type: string;
  Default?: unknown;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinValue?: number;
  MaxValue?: number;
  NoEcho?: boolean;
};
export type TemplateResource = {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
  [attribute: string]: unknown;
};

/** Parameter values for one environment: stack name → parameter name → value. */
export type EnvironmentFile = Record<string, Record<string, string | number>>;

export function readText(relativePath: string): string {
  return readFileSync(`${infraRoot}/${relativePath}`, 'utf8');
}

export function loadTemplate(stack: StackName): Template {
  return yamlParse(readText(`templates/${stack}.yaml`)) as Template;
}

export function loadTemplates(): Record<StackName, Template> {
  const stacks: StackName[] = [...environmentStacks, ...toolingStacks, 'deploy-role'];
  return Object.fromEntries(stacks.map((stack) => [stack, loadTemplate(stack)])) as Record<StackName, Template>;
}

export function loadEnvironmentFile(name: EnvironmentName | 'tooling'): EnvironmentFile {
  return JSON.parse(readText(`environments/${name}.json`)) as EnvironmentFile;
}

/** Deep copy, for checks that break a template on purpose. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

let specification: ReturnType<typeof loadAwsServiceSpecSync> | undefined;

/** The resource specification database; loading it takes about 300 ms, so it is loaded once. */
export function loadSpecification(): ReturnType<typeof loadAwsServiceSpecSync> {
  specification ??= loadAwsServiceSpecSync();
  return specification;
}
