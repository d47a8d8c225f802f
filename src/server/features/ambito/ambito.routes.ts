import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ambitoSchema } from '../../../shared/ambito.js';
import type { App } from '../../http/route-kit.js';
import { getAmbito } from './ambito.queries.js';

/** The Ambito, its Comuni and the owners of housing: not personal data, readable by every staff role. */
export function registerAmbitoRoutes(api: FastifyInstance, app: App) {
  api.withTypeProvider<ZodTypeProvider>().get(
    '/ambito',
    {
      schema: {
        tags: ['ambito'],
        summary: 'The Ambito with its Comuni and housing owners',
        response: { 200: ambitoSchema },
      },
    },
    async () => getAmbito(app.deps.db.kysely),
  );
}
