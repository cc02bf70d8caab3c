// Checks that every reference inside a template resolves: Ref and ${...} in Fn::Sub name a
// parameter, resource or pseudo parameter; Fn::GetAtt names a resource and an attribute the
// specification lists for its type; conditions and DependsOn name what exists; every parameter
// is used. Across templates, every Fn::ImportValue names an export of a stack deployed earlier.
import type { Template } from './load.ts';
import { loadSpecification } from './load.ts';

const pseudoParameters = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId',
  'AWS::StackName', 'AWS::URLSuffix',
]);

/** Calls visit(key, value) for every intrinsic function node under value. */
export function walkIntrinsics(value: unknown, visit: (key: string, argument: unknown) => void): void {
  if (Array.isArray(value)) return value.forEach((item) => walkIntrinsics(item, visit));
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::')) visit(key, child);
    walkIntrinsics(child, visit);
  }
}

/** `${Name}` and `${Resource.Attribute}` variables of an Fn::Sub string; `${!Literal}` is not one. */
export function substitutionVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((match) => match[1]!);
}

export function checkReferences(template: Template): string[] {
  const errors: string[] = [];
  const parameters = new Set(Object.keys(template.Parameters ?? {}));
  const resources = template.Resources;
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const used = new Set<string>();
  const refer = (name: string, where: string, localVariables: Set<string> = new Set()): void => {
    used.add(name);
    if (!parameters.has(name) && !(name in resources) && !pseudoParameters.has(name) && !localVariables.has(name)) {
      errors.push(`${where}: ${name} is not a parameter, resource or pseudo parameter`);
    }
  };
  const attribute = (logicalId: string, name: string, where: string): void => {
    const resource = resources[logicalId];
    if (resource === undefined) return void errors.push(`${where}: GetAtt of unknown resource ${logicalId}`);
    if (resource.Type === 'AWS::CloudFormation::Stack' && name.startsWith('Outputs.')) return;
    const [definition] = loadSpecification().lookup('resource', 'cloudFormationType', 'equals', resource.Type);
    if (definition !== undefined && !(name in definition.attributes)) {
      errors.push(`${where}: ${resource.Type} has no attribute ${name}`);
    }
  };
  const sections = { Resources: resources, Outputs: template.Outputs ?? {}, Conditions: template.Conditions ?? {} };
  for (const [section, entries] of Object.entries(sections)) {
    for (const [name, body] of Object.entries(entries as Record<string, unknown>)) {
      const where = `${section}.${name}`;
      // A resource's or output's own Condition attribute is checked below, not as an intrinsic.
      const { Condition: _condition, ...walked } = section === 'Conditions' ? {} : (body as Record<string, unknown>);
      walkIntrinsics(section === 'Conditions' ? body : walked, (key, argument) => {
        if (key === 'Ref') refer(String(argument), where);
        if (key === 'Condition' && typeof argument === 'string' && !conditions.has(argument)) {
          errors.push(`${where}: unknown condition ${argument}`);
        }
        if (key === 'Fn::If' && Array.isArray(argument) && !conditions.has(String(argument[0]))) {
          errors.push(`${where}: unknown condition ${String(argument[0])}`);
        }
        if (key === 'Fn::GetAtt' && Array.isArray(argument)) attribute(String(argument[0]), String(argument[1]), where);
        if (key === 'Fn::Sub') {
          const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
          const local = new Set(Object.keys((variables ?? {}) as object));
          for (const variable of substitutionVariables(String(text))) {
            const [head, ...rest] = variable.split('.');
            if (rest.length > 0) attribute(head!, rest.join('.'), where);
            else refer(head!, where, local);
          }
        }
      });
      const entry = body as { Condition?: string; DependsOn?: string | string[] };
      if (section !== 'Conditions' && entry.Condition !== undefined && !conditions.has(entry.Condition)) {
        errors.push(`${where}: unknown condition ${entry.Condition}`);
      }
      for (const dependency of [entry.DependsOn ?? []].flat()) {
        if (!(dependency in resources)) errors.push(`${where}: DependsOn unknown resource ${dependency}`);
      }
    }
  }
  for (const parameter of parameters) if (!used.has(parameter)) errors.push(`Parameters.${parameter}: never used`);
  return errors;
}

/** The export names a template declares, as Fn::Sub patterns (e.g. flow-${EnvironmentName}-VpcId). */
export function exportNames(template: Template): string[] {
  return Object.values(template.Outputs ?? {}).flatMap((output) => {
    const name = output.Export?.Name as { 'Fn::Sub'?: unknown } | undefined;
    return name === undefined ? [] : [String(name['Fn::Sub'] ?? name)];
  });
}

/** The export names a template imports, as Fn::Sub patterns. */
export function importNames(template: Template): string[] {
  const names: string[] = [];
  walkIntrinsics(template.Resources, (key, argument) => {
    if (key === 'Fn::ImportValue') names.push(String((argument as { 'Fn::Sub'?: unknown })['Fn::Sub'] ?? argument));
  });
  return names;
}

/** Every import of each stack must be exported by a stack before it in `order`. */
export function checkImports(templates: Record<string, Template>, order: readonly string[]): string[] {
  const errors: string[] = [];
  const exported = new Set<string>();
  for (const stack of order) {
    for (const name of importNames(templates[stack]!)) {
      if (!exported.has(name)) errors.push(`${stack}: imports ${name}, which no earlier stack exports`);
    }
    for (const name of exportNames(templates[stack]!)) exported.add(name);
  }
  return errors;
}
