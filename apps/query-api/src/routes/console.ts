// The cash-flow console (@flow/console) at `/console/`: its own files, uPlot from its package, and
// `settings.json` (the business time zone the console shows dates in). Public like `/docs`: the
// page holds no data; everything it shows comes from the API with the user's token. It replaces the
// API's `default-src 'none'` CSP with the console's own, and lets the browser revalidate instead of
// `no-store` (the files change only with a new version).
import { consoleContentSecurityPolicy, consoleVendorFiles, consoleWebDirectory } from '@flow/console';
import express, { Router, type RequestHandler } from 'express';

export interface ConsoleSettings {
  /** IANA zone of the business day, as the worker dates postings (`FLOW_BUSINESS_TIME_ZONE`). */
  readonly businessTimeZone: string;
}

const consoleHeaders: RequestHandler = (_request, response, next) => {
  response.setHeader('Content-Security-Policy', consoleContentSecurityPolicy);
  response.setHeader('Cache-Control', 'no-cache');
  next();
};

export function consoleRoutes(settings: ConsoleSettings): Router {
  const router = Router({ strict: true });
  router.get('/console', (_request, response) => response.redirect(301, '/console/'));
  router.use('/console/', consoleHeaders);
  router.get('/console/settings.json', (_request, response) => {
    response.json({ businessTimeZone: settings.businessTimeZone, signIn: ['fragment', 'pasted-token'] });
  });
  router.get('/console/vendor/:file', (request, response, next) => {
    const path = consoleVendorFiles[request.params.file];
    if (path === undefined) next();
    else response.sendFile(path);
  });
  router.use('/console/', express.static(consoleWebDirectory, { index: 'index.html', redirect: false, dotfiles: 'ignore' }));
  return router;
}
