import { z } from 'zod';

export const ambitoSchema = z.object({
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
export type Ambito = z.infer<typeof ambitoSchema>;
