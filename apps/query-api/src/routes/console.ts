// The cash-flow console (@flow/console) at `/console/`: its own files, uPlot from its package, and
// `settings.json` (the business time zone the console shows dates in, and how it signs in). Public
// like `/docs`: the page holds no data; everything it shows comes from the API with the user's
// token. It replaces the API's `default-src 'none'` CSP with the console's own (which lets the page
// reach the identity provider when OIDC sign-in is configured), and lets the browser revalidate
// instead of `no-store` (the files change only with a new version).
import { consoleContentSecurityPolicyFor, consoleVendorFiles, consoleWebDirectory } from '@flow/console';
import express, { Router, type RequestHandler } from 'express';
import type { ConsoleOidcConfig } from '../config.ts';

export interface ConsoleSettings {
  /** IANA zone of the business day, as the worker dates postings (`FLOW_BUSINESS_TIME_ZONE`). */
  readonly businessTimeZone: string;
  /** OIDC sign-in (authorization code with PKCE) from the page; absent, pasted tokens only. */
  readonly oidc?: ConsoleOidcConfig | undefined;
}

export function consoleRoutes(settings: ConsoleSettings): Router {
  const router = Router({ strict: true });
  const { oidc } = settings;
  const policy = consoleContentSecurityPolicyFor(oidc === undefined ? [] : [new URL(oidc.issuer).origin, ...oidc.connectOrigins]);
  const consoleHeaders: RequestHandler = (_request, response, next) => {
    response.setHeader('Content-Security-Policy', policy);
    response.setHeader('Cache-Control', 'no-cache');
    next();
  };
  router.get('/console', (_request, response) => response.redirect(301, '/console/'));
  router.use('/console/', consoleHeaders);
  router.get('/console/settings.json', (_request, response) => {
    response.json({
      businessTimeZone: settings.businessTimeZone,
      signIn: oidc === undefined ? ['fragment', 'pasted-token'] : ['fragment', 'pasted-token', 'oidc'],
      oidc: oidc === undefined ? null
      : { issuer: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope, audience: oidc.audience ?? null },
    });
  });
  router.get('/console/vendor/:file', (request, response, next) => {
    const path = consoleVendorFiles[request.params.file];
    if (path === undefined) next();
    else response.sendFile(path);
  });
  router.use('/console/', express.static(consoleWebDirectory, { index: 'index.html', redirect: false, dotfiles: 'ignore' }));
  return router;
}
