// OpenAPI paths and schemas of apps/ingest. (Filled in with the ingest service.)
export function ingestPaths(): Record<string, unknown> {
  return {};
}

export function ingestSchemas(): Record<string, unknown> {
  return {};
}
