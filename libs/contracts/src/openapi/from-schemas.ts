// Turns the shapes of libs/contracts/src/schemas into the pieces of an OpenAPI 3.1 document: the
// `parameters` of an operation from its parameter schemas, and `components.schemas` from the body
// and response schemas. The documents publish these schemas as they are, so what the query API
// checks and answers is what its document says.
import type { TObject, TSchema } from '@sinclair/typebox';
import type { OperationParameters, ParameterLocation } from '../schemas/parameters.ts';

type Json = Record<string, unknown>;

/** The schema as plain JSON: TypeBox's own (symbol) keys dropped. */
export function published(schema: TSchema): Json {
  return JSON.parse(JSON.stringify(schema)) as Json;
}

const locations: readonly ParameterLocation[] = ['path', 'query', 'header'];

/** One OpenAPI parameter per property, path first; its description moves from the schema to the parameter. */
export function parametersOf(parameters: OperationParameters): Json[] {
  return locations.flatMap((location) => {
    const schema: TObject | undefined = parameters[location];
    if (schema === undefined) return [];
    const required: readonly string[] = schema.required ?? [];
    return Object.entries(schema.properties).map(([name, property]) => {
      const { description, ...rest } = published(property);
      return { name, in: location, required: required.includes(name), description, schema: rest };
    });
  });
}

/** `components.schemas` from named shapes. */
export function componentSchemas(shapes: Readonly<Record<string, TSchema>>): Record<string, Json> {
  return Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, published(shape)]));
}
