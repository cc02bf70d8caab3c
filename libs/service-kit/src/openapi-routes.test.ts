// Two apps in one process (as under `npm start`) each serve their own OpenAPI document at /docs:
// swagger-ui-express's shared module state must not leak one app's document into the other.
import { buildOpenApiDocument } from '@flow/contracts';
import express from 'express';
import request from 'supertest';
import { openApiRoutes } from './openapi-routes.ts';

const appServing = (service: 'ingest' | 'query-api', title: string) => {
  const app = express();
  app.use(openApiRoutes(() => buildOpenApiDocument(service), title));
  return app;
};

describe('Swagger UI per app', () => {
  const ingest = appServing('ingest', 'Flow ingest API');
  const queryApi = appServing('query-api', 'Flow query API');

  test.each([
    ['ingest', ingest, 'Flow ingest API', '/v1/transactions', '/v1/reports/daily'],
    ['query-api', queryApi, 'Flow query API', '/v1/reports/daily', 'postTransactions'],
  ] as const)('%s /docs shows its own title and operations, not the other app\'s', async (_name, app, title, own, foreign) => {
    const page = await request(app).get('/docs/').expect(200);
    expect(page.text).toContain(`<title>${title}</title>`);
    const init = await request(app).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain(`"title": "${title}"`);
    expect(init.text).toContain(own);
    expect(init.text).not.toContain(foreign);
    expect((await request(app).get('/openapi.json').expect(200)).body.info.title).toBe(title);
  });

  test('the ingest example posts as it is: today, the demo account and event', async () => {
    const document = (await request(ingest).get('/openapi.json')).body;
    const examples = document.paths['/v1/transactions'].post.requestBody.content['application/json'].examples;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
    expect(examples.posting.value).toMatchObject({ branch: '0001', account: '123456', eventCode: 494, dateRef: today });
  });
});
