// Serves an app's OpenAPI document (generated from libs/contracts) as `/openapi.json` and with
// Swagger UI at `/docs`. Both are public: the document describes the API, not its data.
// swagger-ui-express keeps one init script per module unless each app serves its own
// (`serveFiles`), so two apps in one process (the embedded stack) would both show the last one's
// document. The document is built per request (`req.swaggerDoc`), so examples that depend on the
// day — a `dateRef` of today — are valid whenever the page is opened.
import { Router, type Request } from 'express';
import swaggerUi from 'swagger-ui-express';

export function openApiRoutes(documentOf: () => object, title: string): Router {
  const router = Router();
  router.get('/openapi.json', (_request, response) => {
    response.json(documentOf());
  });
  const options = { customSiteTitle: title };
  const withDocument = (request: Request, _response: unknown, next: () => void) => {
    (request as Request & { swaggerDoc?: object }).swaggerDoc = documentOf();
    next();
  };
  router.use('/docs', withDocument, ...swaggerUi.serveFiles(undefined, options), swaggerUi.setup(undefined, options));
  return router;
}
