// The API contract of the data-protection duties (issue 7).
import { z } from 'zod';
import type { Role } from './auth.js';

/** Who may export everything held about a person (art. 15 GDPR requests): the data controller's staff in charge. */
export const PRIVACY_EXPORT_ROLES: readonly Role[] = ['manager', 'admin'];
export const canExportPersonData = (role: Role) => PRIVACY_EXPORT_ROLES.includes(role);

export const personExportParamsSchema = z.object({
  fiscalCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{16}$/, 'Codice fiscale di 16 caratteri (lettere e numeri).'),
});

export const personExportSchema = z.object({
  fiscalCode: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  legalBasis: z.string(),
  householdIds: z.array(z.string()),
  counts: z.record(z.string(), z.number()),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type PersonExport = z.infer<typeof personExportSchema>;
