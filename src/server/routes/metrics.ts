import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { answers } from '../schemas.js';

/**
 * `GET /api/metrics`: Prometheus text (see server/metrics.ts) for the province role, or for a
 * scraper with `Authorization: Bearer <LEITAI_METRICS_TOKEN>`; never cached.
 */
export const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/metrics',
    {
      config: { access: ['province'], metricsBearer: true },
      schema: {
        tags: ['operations'],
        summary:
          '运行指标 (Prometheus 文本格式):各路由请求数与耗时、导入次数与耗时、结果缓存命中、数据库连接。省级用户登录可读;抓取程序可用 Authorization: Bearer <LEITAI_METRICS_TOKEN>',
        produces: ['text/plain'],
        response: answers({
          200: Type.String({ description: 'Prometheus 文本格式 (text exposition format 0.0.4)' }),
        }),
      },
    },
    async (_request, reply) => app.sendMetrics(reply),
  );
};
