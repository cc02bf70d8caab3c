// Reads and checks a JSON request body of the catalog admin, field by field. Every problem is
// collected and answered at once as 400 `validation_failed` with its `errors[]`, one
// `{ pointer, code, message }` per bad field, including fields the route does not know.
import { errorsDetail, jsonPointer, limits, textStorable, type ProblemError, type ValidationCode } from '@flow/contracts';
import { ApiError } from '@flow/service-kit';

export class BodyFields {
  readonly #body: Readonly<Record<string, unknown>>;
  readonly #problems: ProblemError[] = [];

  constructor(body: unknown, known: readonly string[]) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      this.#body = {};
      this.#problems.push({ pointer: '', code: 'body_invalid', message: 'the body must be a JSON object' });
      return;
    }
    this.#body = body as Record<string, unknown>;
    for (const field of Object.keys(this.#body)) {
      if (!known.includes(field)) this.problem(field, 'unknown field', 'field_unknown');
    }
  }

  problem(field: string, message: string, code: ValidationCode = 'value_invalid'): void {
    this.#problems.push({ pointer: jsonPointer(field), code, message });
  }

  has(field: string): boolean {
    return this.#body[field] !== undefined;
  }

  /** Records a problem unless at least one of `fields` is present (an update that changes nothing). */
  requireAny(fields: readonly string[]): void {
    if (!fields.some((field) => this.has(field))) {
      this.#problems.push({ pointer: '', code: 'field_required', message: `give at least one of ${fields.join(', ')}` });
    }
  }

  text(field: string, pattern: RegExp, expected: string, required: boolean): string | undefined {
    const value = this.#body[field];
    if (value === undefined) {
      if (required) this.problem(field, 'required', 'field_required');
      return undefined;
    }
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.problem(field, `must be ${expected}`);
      return undefined;
    }
    if (!textStorable(value)) {
      this.problem(field, 'must not contain NUL (U+0000) or unpaired surrogates');
      return undefined;
    }
    return value;
  }

  /** A text that may also be null (to clear it); undefined when absent. Length in characters, as PostgreSQL counts. */
  nullableText(field: string, lengthMax: number): string | null | undefined {
    const value = this.#body[field];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string' || [...value].length > lengthMax) {
      this.problem(field, `must be null or a string of at most ${lengthMax} characters`);
      return undefined;
    }
    if (!textStorable(value)) {
      this.problem(field, 'must not contain NUL (U+0000) or unpaired surrogates');
      return undefined;
    }
    return value;
  }

  integer(field: string, min: number, max: number, required: boolean): number | undefined {
    const value = this.#body[field];
    if (value === undefined) {
      if (required) this.problem(field, 'required', 'field_required');
      return undefined;
    }
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.problem(field, `must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return value as number;
  }

  boolean(field: string, required: boolean): boolean | undefined {
    const value = this.#body[field];
    if (value === undefined) {
      if (required) this.problem(field, 'required', 'field_required');
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.problem(field, 'must be true or false');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(field: string, values: readonly T[], required: boolean): T | undefined {
    const value = this.#body[field];
    if (value === undefined) {
      if (required) this.problem(field, 'required', 'field_required');
      return undefined;
    }
    if (!(values as readonly unknown[]).includes(value)) {
      this.problem(field, `must be one of ${values.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  /** Throws 400 `validation_failed` listing the problems found so far (the first `errorItemsMax`). */
  finish(): void {
    if (this.#problems.length === 0) return;
    const errorsTotal = this.#problems.length;
    throw new ApiError('validation_failed', undefined, {}, {
      detail: errorsDetail(errorsTotal), errors: this.#problems.slice(0, limits.errorItemsMax), errorsTotal,
    });
  }
}
