import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentMigration } from '../../db/migrate.js';
import type { App } from '../../http/route-kit.js';

export function registerHealthRoutes(api: FastifyInstance, app: App) {
  api.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness, database dialect and migration version',
        response: {
          200: z.object({
            status: z.literal('ok'),
            dialect: z.enum(['sqlite', 'postgres']),
            migration: z.string().nullable(),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      dialect: app.deps.db.dialect,
      migration: await currentMigration(app.deps.db),
    }),
  );
}
