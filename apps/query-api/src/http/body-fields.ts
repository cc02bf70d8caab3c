// Checks a JSON request body of the catalog admin against its schema in @flow/contracts
// (schemas/responses.ts: EventCreate, AccountUpdate…, the ones the OpenAPI document publishes).
// Every problem is collected and answered at once as 400 `validation_failed` with its `errors[]`,
// one `{ pointer, code, message }` per bad field, including fields the route does not know.
// "An update changes something" stays code (`requireAny`): it counts only the fields the route
// knows, where the schema's `minProperties` would count an unknown one too.
import { checkFields, errorsDetail, fieldPointer, limits, type ProblemError, type Static, type TObject } from '@flow/contracts';
import { ApiError } from '@flow/service-kit';

export class BodyFields<Schema extends TObject> {
  /** The fields that passed the schema; a bad or absent one is undefined. */
  readonly values: Partial<Static<Schema>>;
  readonly #schema: Schema;
  readonly #problems: ProblemError[];

  constructor(body: unknown, schema: Schema) {
    this.#schema = schema;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      this.values = {};
      this.#problems = [{ pointer: '', code: 'body_invalid', message: 'the body must be a JSON object' }];
      return;
    }
    const checked = checkFields(schema, body as Record<string, unknown>, fieldPointer, 'unknown field');
    this.values = checked.values;
    this.#problems = checked.problems;
  }

  /** Records a problem unless at least one field of the schema is present (an update that changes nothing). */
  requireAny(body: unknown): void {
    const fields = Object.keys(this.#schema.properties);
    const given = typeof body === 'object' && body !== null && fields.some((field) => (body as Record<string, unknown>)[field] !== undefined);
    if (!given) {
      this.#problems.push({ pointer: '', code: 'field_required', message: `give at least one of ${fields.join(', ')}` });
    }
  }

  /** Throws 400 `validation_failed` listing the problems found (the first `errorItemsMax`); else the checked fields. */
  finish(): Static<Schema> {
    if (this.#problems.length > 0) {
      const errorsTotal = this.#problems.length;
      throw new ApiError('validation_failed', undefined, {}, {
        detail: errorsDetail(errorsTotal), errors: this.#problems.slice(0, limits.errorItemsMax), errorsTotal,
      });
    }
    return this.values as Static<Schema>;
  }
}
