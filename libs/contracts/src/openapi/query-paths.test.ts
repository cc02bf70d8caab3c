// The query API's OpenAPI document is whole: every reference resolves, every path template's
// parameters are declared, every business operation states its scope and its error answers.
import { buildOpenApiDocument } from './document.ts';

type Operation = {
  parameters?: { name: string; in: string; required?: boolean }[]; responses: Record<string, unknown>; description?: string; security?: unknown[];
};

const document = buildOpenApiDocument('query-api');
const paths = document.paths as Record<string, Record<string, Operation>>;
const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
const operations = Object.entries(paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' ? [inner as string] : references(inner)));
}

test('every $ref points at a schema of the document', () => {
  const missing = references(document).filter((reference) => !(reference.replace('#/components/schemas/', '') in schemas));
  expect(missing).toEqual([]);
});

test.each(operations)('$method $path declares its path parameters', ({ path, operation }) => {
  const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path' && parameter.required).map((parameter) => parameter.name);
  expect(declared).toEqual(templated);
});

test.each(operations.filter(({ path }) => path.startsWith('/v1/')))('$method $path names its scope and answers 401, 403 and 503', ({ operation }) => {
  expect(operation.description).toMatch(/scope `flow:(read|admin)`/);
  expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '503']));
  expect(Object.keys(operation.responses).some((status) => status === '200' || status === '201')).toBe(true);
});

test('health routes need no token', () => {
  expect(paths['/health/live']!.get!.security).toEqual([]);
  expect(paths['/health/ready']!.get!.security).toEqual([]);
});
