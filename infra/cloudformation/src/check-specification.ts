// Validates every resource of a template against the CloudFormation resource specification:
// the type exists, every property (nested ones too) is known, required properties are present,
// and literal values have the specified primitive type and, where the spec lists them, an allowed
// value. Intrinsic functions are opaque here (their targets are checked by check-references.ts),
// except `Fn::If`, whose two branches are both checked.
import type { Template } from './load.ts';
import { loadSpecification } from './load.ts';

type Specification = ReturnType<typeof loadSpecification>;
type Property = { required?: boolean; type: PropertyType };
type PropertyType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'integer'; allowedValues?: number[] }
  | { type: 'number' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: PropertyType }
  | { type: 'union'; types: PropertyType[] };

const resourceAttributes = new Set([
  'Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata',
  'UpdatePolicy', 'CreationPolicy',
]);

export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition');
}

const isNoValue = (value: unknown): boolean =>
  isIntrinsic(value) && (value as { Ref?: unknown }).Ref === 'AWS::NoValue';

export function checkSpecification(template: Template): string[] {
  const spec = loadSpecification();
  const errors: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    for (const key of Object.keys(resource)) {
      if (!resourceAttributes.has(key)) errors.push(`${logicalId}: unknown resource attribute ${key}`);
    }
    if (resource.Type.startsWith('Custom::')) continue;
    const [definition] = spec.lookup('resource', 'cloudFormationType', 'equals', resource.Type);
    if (definition === undefined) {
      errors.push(`${logicalId}: unknown resource type ${resource.Type}`);
      continue;
    }
    checkObject(spec, definition.properties as Record<string, Property>, resource.Properties ?? {}, logicalId, errors);
  }
  return errors;
}

function checkObject(
  spec: Specification,
  properties: Record<string, Property>,
  value: unknown,
  path: string,
  errors: string[],
): void {
  if (isIntrinsic(value)) return checkIntrinsicBranches(value, (branch) => checkObject(spec, properties, branch, path, errors));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`${path}: expected an object`);
    return;
  }
  const given = value as Record<string, unknown>;
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in given)) errors.push(`${path}: missing required property ${name}`);
  }
  for (const [name, child] of Object.entries(given)) {
    const property = properties[name];
    if (property === undefined) errors.push(`${path}: unknown property ${name}`);
    else checkValue(spec, property.type, child, `${path}.${name}`, errors);
  }
}

function checkIntrinsicBranches(value: Record<string, unknown>, check: (branch: unknown) => void): void {
  const branches = value['Fn::If'];
  if (!Array.isArray(branches)) return;
  for (const branch of branches.slice(1)) if (!isNoValue(branch)) check(branch);
}

function checkValue(spec: Specification, type: PropertyType, value: unknown, path: string, errors: string[]): void {
  if (isIntrinsic(value)) return checkIntrinsicBranches(value, (branch) => checkValue(spec, type, branch, path, errors));
  const problem = valueProblem(spec, type, value, path);
  if (problem !== undefined) errors.push(...problem);
}

/** Problems with one value, or undefined when it fits; unions fit when any member fits. */
function valueProblem(spec: Specification, type: PropertyType, value: unknown, path: string): string[] | undefined {
  const errors: string[] = [];
  switch (type.type) {
    case 'string':
    case 'date-time':
      if (!['string', 'number', 'boolean'].includes(typeof value)) return [`${path}: expected a string`];
      if ('allowedValues' in type && type.allowedValues && !type.allowedValues.includes(String(value))) {
        return [`${path}: ${String(value)} is not one of ${type.allowedValues.join(', ')}`];
      }
      return undefined;
    case 'integer':
    case 'number':
      return Number.isFinite(Number(value)) && value !== '' && typeof value !== 'boolean'
        ? undefined
        : [`${path}: expected a number`];
    case 'boolean':
      return [true, false, 'true', 'false'].includes(value as string) ? undefined : [`${path}: expected a boolean`];
    case 'json':
      return undefined;
    case 'null':
      return value === null ? undefined : [`${path}: expected null`];
    case 'tag':
      checkObject(spec, { Key: { required: true, type: { type: 'string' } }, Value: { required: true, type: { type: 'string' } } }, value, path, errors);
      return errors.length === 0 ? undefined : errors;
    case 'ref': {
      const definition = spec.get('typeDefinition', type.reference.$ref);
      checkObject(spec, definition.properties as Record<string, Property>, value, path, errors);
      return errors.length === 0 ? undefined : errors;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected a list`];
      value.forEach((item, index) => checkValue(spec, type.element, item, `${path}[${index}]`, errors));
      return errors.length === 0 ? undefined : errors;
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected a map`];
      for (const [key, item] of Object.entries(value)) checkValue(spec, type.element, item, `${path}.${key}`, errors);
      return errors.length === 0 ? undefined : errors;
    case 'union': {
      const attempts = type.types.map((member) => valueProblem(spec, member, value, path));
      return attempts.some((attempt) => attempt === undefined) ? undefined : attempts.flat() as string[];
    }
  }
}
