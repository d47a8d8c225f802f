import { z } from 'zod';
import { idSchema } from './common.js';

export const auditQuerySchema = z.object({
  userId: idSchema.optional(),
  username: z.string().trim().max(100).optional(),
  householdId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const auditItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  householdId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  requestId: z.string().nullable(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  ip: z.string().nullable(),
  /** A JSON object as text: what the action concerned (filters, counts, ids). */
  details: z.string().nullable(),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

export const auditPageSchema = z.object({ items: z.array(auditItemSchema), total: z.number() });
