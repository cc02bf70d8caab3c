// Checks an environment file against the templates it feeds: it values every parameter the
// tooling does not fill and nothing more, each value satisfies the parameter's constraints, and a
// name used by several stacks has one value (so JwtIssuer cannot differ between edge and services).
import type { EnvironmentFile, Template, TemplateParameter } from './load.ts';
import { toolingParameterNames } from './parameters.ts';

export function checkCoverage(file: EnvironmentFile, templates: Record<string, Template>, stacks: readonly string[]): string[] {
  const errors: string[] = [];
  for (const stack of Object.keys(file)) if (!stacks.includes(stack)) errors.push(`unknown stack ${stack}`);
  for (const stack of stacks) {
    const declared = Object.keys(templates[stack]!.Parameters ?? {}).filter((name) => !toolingParameterNames.includes(name));
    const given = Object.keys(file[stack] ?? {});
    for (const name of declared) if (!given.includes(name)) errors.push(`${stack}: missing ${name}`);
    for (const name of given) if (!declared.includes(name)) errors.push(`${stack}: ${name} is not a parameter it may set`);
  }
  return errors;
}

export function parameterProblem(parameter: TemplateParameter, value: string | number): string | undefined {
  const text = String(value);
  if (parameter.AllowedValues && !parameter.AllowedValues.map(String).includes(text)) {
    return `${text} is not one of ${parameter.AllowedValues.join(', ')}`;
  }
  if (parameter.Type === 'Number' && !Number.isFinite(Number(value))) return `${text} is not a number`;
  if (parameter.MinValue !== undefined && Number(value) < parameter.MinValue) return `${text} < ${parameter.MinValue}`;
  if (parameter.MaxValue !== undefined && Number(value) > parameter.MaxValue) return `${text} > ${parameter.MaxValue}`;
  if (parameter.AllowedPattern && !new RegExp(parameter.AllowedPattern).test(text)) return `${text} !~ ${parameter.AllowedPattern}`;
  return undefined;
}

export function checkValues(file: EnvironmentFile, templates: Record<string, Template>): string[] {
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const [stack, values] of Object.entries(file)) {
    for (const [name, value] of Object.entries(values)) {
      const parameter = templates[stack]?.Parameters?.[name];
      const problem = parameter && parameterProblem(parameter, value);
      if (problem) errors.push(`${stack}.${name}: ${problem}`);
      const earlier = seen.get(name);
      if (earlier !== undefined && earlier !== String(value)) errors.push(`${stack}.${name}: ${value} differs from ${earlier}`);
      seen.set(name, String(value));
    }
  }
  return errors;
}
