import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CSRF_HEADER, SESSION_COOKIE } from '../constants.js';
import { PLAN_COMPONENTS } from '../schemas.js';

/**
 * The OpenAPI document (/api/openapi.json) and its docs UI (/api/docs): both public. The UI's
 * routes are made by the swagger-ui plugin; they are marked public as they are added.
 */
export const docsPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Leitai 擂台 API',
          version: '0.1.0',
          description: '县域经济行动方案:数据、审核、评价',
        },
        components: {
          schemas: PLAN_COMPONENTS,
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
            csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
          },
        },
        security: [{ session: [] }],
      },
    });
    await app.register(async (ui) => {
      ui.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: 'public' };
      });
      await ui.register(swaggerUi, { routePrefix: '/api/docs' });
    });
    app.get(
      '/api/openapi.json',
      { config: { access: 'public' }, schema: { hide: true } },
      async () => app.swagger(),
    );
  },
  { name: 'docs' },
);
