// @flow/query-api: the read API and catalog admin as a library, for the embedded stack (which
// passes its PGlite) and for tests. The process entry is main.ts.
export { createQueryApiApp, type QueryApiDependencies } from './app.ts';
export { queryApiPortDefault, readQueryApiConfig, type QueryApiConfig, type QueryApiConfigOptions } from './config.ts';
export { dateRangeDaysMax } from './limits.ts';
export {
  queryApiService,
  runQueryApiFromEnvironment,
  startQueryApi,
  type QueryApiOverrides,
  type RunningQueryApi,
} from './start.ts';
