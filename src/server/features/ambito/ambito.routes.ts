import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../http/route-kit.js';
import { getAmbito } from './ambito.queries.js';

const ambitoSchema = z.object({
  ambito: z.object({ id: z.string(), name: z.string() }).nullable(),
  comuni: z.array(
    z.object({ id: z.string(), name: z.string(), isLead: z.boolean(), istatCode: z.string(), population: z.number() }),
  ),
  owners: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['comune', 'aler', 'other']),
      comuneId: z.string().nullable(),
    }),
  ),
});

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
