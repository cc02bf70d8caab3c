// @flow/console: the cash-flow console, a few browser-ready ES modules under `web/` served as they
// are by the query API at `/console/` (no build step, so a fresh clone runs it after `npm ci`
// alone), plus the one vendored chart library, uPlot, served from its npm package. This module
// only says where the files are and what CSP they run under; it reads and serves nothing itself.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The folder of the console's own files (index.html, styles, modules). */
export const consoleWebDirectory = fileURLToPath(new URL('../web/', import.meta.url));

const require = createRequire(import.meta.url);

/** Third-party files served under `/console/vendor/`, by name: the minified uPlot and its styles. */
export const consoleVendorFiles: Readonly<Record<string, string>> = Object.freeze({
  'uPlot.iife.min.js': require.resolve('uplot/dist/uPlot.iife.min.js'),
  'uPlot.min.css': require.resolve('uplot/dist/uPlot.min.css'),
});

/**
 * The console's Content-Security-Policy: its own scripts and styles only (no inline script or
 * style markup; uPlot sets styles through the CSSOM, which the policy allows), API calls to its
 * own origin and, when OIDC sign-in is configured, to the identity provider's origins (discovery
 * and the token endpoint), never framed. The token lives in session storage, so no script from
 * elsewhere may ever run here.
 */
export function consoleContentSecurityPolicyFor(identityProviderOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...identityProviderOrigins].join(' '),
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
