// OpenAPI paths and schemas of apps/query-api. (Filled in with the query service.)
export function queryPaths(): Record<string, unknown> {
  return {};
}

export function querySchemas(): Record<string, unknown> {
  return {};
}
