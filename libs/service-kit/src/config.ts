// Configuration is parsed once at start-up from `FLOW_*` variables into a typed, frozen object
// (docs/style.md §11). A reader collects every problem instead of stopping at the first, so an operator
// sees all bad variables in one failed start, each with the variable's name and what it expects.

export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(service: string, problems: readonly string[]) {
    super(`${service}: invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface IntegerBounds {
  readonly min: number;
  readonly max: number;
}

export interface ConfigReader {
  /** The variable as given, or `fallback`; an empty value counts as absent. */
  text(name: string, fallback: string): string;
  /** The variable, or undefined when absent; records a problem when `required`. */
  optionalText(name: string, required?: boolean): string | undefined;
  integer(name: string, fallback: number, bounds: IntegerBounds): number;
  boolean(name: string, fallback: boolean): boolean;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T;
  url(name: string, fallback?: string): string | undefined;
  /** Records a problem that involves several variables. */
  problem(message: string): void;
  /** Throws a ConfigError listing every problem, or returns `value` deeply frozen. */
  finish<T extends object>(service: string, value: T): Readonly<T>;
}

export function configReader(environment: Environment): ConfigReader {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = environment[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    text: (name, fallback) => read(name) ?? fallback,
    optionalText(name, required = false) {
      const value = read(name);
      if (value === undefined && required) problems.push(`${name} is required`);
      return value;
    },
    integer(name, fallback, bounds) {
      const value = read(name);
      if (value === undefined) return fallback;
      const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(parsed) || parsed < bounds.min || parsed > bounds.max) {
        problems.push(`${name} must be an integer from ${bounds.min} to ${bounds.max}, got "${value}"`);
        return fallback;
      }
      return parsed;
    },
    boolean(name, fallback) {
      const value = read(name);
      if (value === undefined) return fallback;
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      problems.push(`${name} must be true or false, got "${value}"`);
      return fallback;
    },
    oneOf(name, values, fallback) {
      const value = read(name);
      if (value === undefined) return fallback;
      if ((values as readonly string[]).includes(value)) return value as (typeof values)[number];
      problems.push(`${name} must be one of ${values.join(', ')}, got "${value}"`);
      return fallback;
    },
    url(name, fallback) {
      const value = read(name) ?? fallback;
      if (value === undefined) return undefined;
      if (!URL.canParse(value)) problems.push(`${name} must be a URL, got "${value}"`);
      return value;
    },
    problem: (message) => void problems.push(message),
    finish(service, value) {
      if (problems.length > 0) throw new ConfigError(service, problems);
      return deepFreeze(value);
    },
  };
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
