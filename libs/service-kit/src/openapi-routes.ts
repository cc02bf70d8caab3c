// Serves an app's OpenAPI document (generated from libs/contracts) as `/openapi.json` and with
// Swagger UI at `/docs`. Both are public: the document describes the API, not its data.
import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';

export function openApiRoutes(document: object): Router {
  const router = Router();
  router.get('/openapi.json', (_request, response) => {
    response.json(document);
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Flow API' }));
  return router;
}
