// Checks an answer a service actually gave against the schema its OpenAPI document publishes for
// that operation, status and media type, with Ajv and the formats Flow checks requests with. The
// query API's route suites run every JSON answer through it (apps/query-api/src/testing.ts), so
// an answer that drifts from its documented shape fails a test instead of reaching a client.
import { Ajv, type ValidateFunction } from 'ajv';
import { schemaFormats } from '../schemas/check.ts';
import type { OpenApiDocument } from './document.ts';

type Json = Record<string, unknown>;

export interface AnswerToCheck {
  readonly method: string;
  /** The request path without its query string. */
  readonly path: string;
  readonly status: number;
  /** `application/json` or `application/problem+json` (parameters after `;` are ignored). */
  readonly mediaType: string;
  readonly body: unknown;
}

/**
 * A function that answers what is wrong with an answer: null when it matches its documented
 * schema, or when the document does not describe its route and method at all (the console's
 * files, `/docs`); for a documented operation, a JSON answer with a status or media type the
 * document does not list is wrong too; else Ajv's errors, each as `<pointer> <message>`.
 */
export function answerChecker(document: OpenApiDocument): (answer: AnswerToCheck) => string | null {
  // `strict: false`: the document root is not a schema; its `components` only hold the `$ref` targets.
  const ajv = new Ajv({ allErrors: true, strict: false, formats: { ...schemaFormats, uri: (value: string) => URL.canParse(value) } });
  const components = document.components as Json;
  const routes = Object.entries(document.paths as Record<string, Record<string, Json>>).map(([template, operations]) => ({
    pattern: new RegExp(`^${template.replaceAll(/\{\w+\}/g, '[^/]+')}$`),
    operations,
  }));
  const validators = new Map<string, ValidateFunction>();
  return (answer) => {
    const operation = routes.find((route) => route.pattern.test(answer.path))?.operations[answer.method.toLowerCase()];
    const responses = operation?.responses as Record<string, { content?: Record<string, { schema?: Json }> }> | undefined;
    const mediaType = answer.mediaType.split(';')[0]!.trim();
    const schema = responses?.[String(answer.status)]?.content?.[mediaType]?.schema;
    if (schema === undefined) {
      return responses === undefined ? null : `no ${answer.status} ${mediaType} answer is documented for ${answer.method.toUpperCase()} ${answer.path}`;
    }
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (validate === undefined) {
      validate = ajv.compile({ ...schema, components });
      validators.set(key, validate);
    }
    if (validate(answer.body)) return null;
    return validate.errors!.map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`).join('; ');
  };
}
